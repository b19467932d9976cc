import { sha256Hex } from '../timeline/hash-chain';

/**
 * A Merkle root over leaves (hex hashes), in the order given. Leaves and inner nodes are hashed
 * with different prefixes (as in RFC 6962), so an inner node can never pass for a leaf; an odd
 * node at the end of a level is carried up unchanged.
 */
export function merkleRoot(leaves: string[]): string {
  if (leaves.length === 0) return sha256Hex('motcua:empty');
  let level = leaves.map((leaf) => sha256Hex(`\x00${leaf}`));
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256Hex(`\x01${level[i]}${level[i + 1]}`) : level[i]!);
    level = next;
  }
  return level[0]!;
}
