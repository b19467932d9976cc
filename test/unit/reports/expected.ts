/**
 * The forms the files of fixtures.ts must produce, written out by hand from the definitions (not computed).
 * Columns, left to right, as the form of Công văn 1639/TCTHADS-NV3 sets them:
 *   Tổng số | Trong đó: kỳ trước, mới tiếp nhận |
 *   kỳ trước: đã giải quyết xong (đúng hạn, quá hạn), đang giải quyết (chưa tới hạn, quá hạn) |
 *   mới tiếp nhận: đã giải quyết xong (đúng hạn, quá hạn), đang giải quyết (chưa tới hạn, quá hạn)
 */
export type Line = readonly [stt: string, label: string, counts: readonly number[]];

const Z = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

export const ROW_LABELS = [
  ['I', 'Tại Thi hành án dân sự tỉnh, thành phố'],
  ['1', 'Quyết định thi hành án theo yêu cầu'],
  ['2', 'Xác nhận kết quả thi hành án'],
  ['3', 'Yêu cầu thay đổi Chấp hành viên'],
  ['4', 'Đề nghị miễn, giảm chi phí cưỡng chế thi hành án'],
  ['5', 'Đề nghị miễn, giảm phí thi hành án'],
  ['II', 'Tại Phòng Thi hành án dân sự khu vực ⁽¹⁾'],
  ['1', 'Quyết định thi hành án theo yêu cầu'],
  ['2', 'Xác nhận kết quả thi hành án'],
  ['3', 'Yêu cầu thay đổi Chấp hành viên'],
  ['4', 'Đề nghị miễn, giảm chi phí cưỡng chế thi hành án'],
  ['5', 'Đề nghị miễn, giảm phí thi hành án'],
  ['', 'Tổng cộng'],
] as const;

const form = (counts: ReadonlyArray<readonly number[]>): Line[] => ROW_LABELS.map(([stt, label], i) => [stt, label, counts[i]!] as const);

//                              tổng kỳtr mới | kỳ trước: đh  qh  cth qh | mới: đh  qh  cth qh
export const HCM_OFFICE_H1 = form([
  /* I                     */ [7, 3, 4, 1, 0, 0, 2, 1, 1, 2, 0],
  /* 1 thi hành án         */ [3, 2, 1, 1, 0, 0, 1, 0, 1, 0, 0],
  /* 2 xác nhận kết quả    */ [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  /* 3 thay đổi CHV        */ Z,
  /* 4 chi phí cưỡng chế   */ [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  /* 5 phí thi hành án     */ [2, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0],
  /* II                    */ Z,
  Z,
  Z,
  Z,
  Z,
  Z,
  /* Tổng cộng             */ [7, 3, 4, 1, 0, 0, 2, 1, 1, 2, 0],
]);

export const HCMKV1_OFFICE_H1 = form([
  /* I                     */ Z,
  Z,
  Z,
  Z,
  Z,
  Z,
  /* II                    */ [3, 1, 2, 0, 1, 0, 0, 1, 0, 0, 1],
  /* 1 thi hành án         */ [1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0],
  /* 2 xác nhận kết quả    */ Z,
  /* 3 thay đổi CHV        */ [1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0],
  /* 4 chi phí cưỡng chế   */ [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1],
  /* 5 phí thi hành án     */ Z,
  /* Tổng cộng             */ [3, 1, 2, 0, 1, 0, 0, 1, 0, 0, 1],
]);

export const HCMKV2_OFFICE_H1 = form([
  /* I                     */ Z,
  Z,
  Z,
  Z,
  Z,
  Z,
  /* II                    */ [4, 1, 3, 0, 0, 1, 0, 1, 1, 1, 0],
  /* 1 thi hành án         */ [2, 0, 2, 0, 0, 0, 0, 1, 0, 1, 0],
  /* 2 xác nhận kết quả    */ [1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0],
  /* 3 thay đổi CHV        */ Z,
  /* 4 chi phí cưỡng chế   */ Z,
  /* 5 phí thi hành án     */ [1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
  /* Tổng cộng             */ [4, 1, 3, 0, 0, 1, 0, 1, 1, 1, 0],
]);

export const HCM_PROVINCE_H1 = form([
  /* I                     */ [7, 3, 4, 1, 0, 0, 2, 1, 1, 2, 0],
  /* 1 thi hành án         */ [3, 2, 1, 1, 0, 0, 1, 0, 1, 0, 0],
  /* 2 xác nhận kết quả    */ [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  /* 3 thay đổi CHV        */ Z,
  /* 4 chi phí cưỡng chế   */ [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  /* 5 phí thi hành án     */ [2, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0],
  /* II                    */ [7, 2, 5, 0, 1, 1, 0, 2, 1, 1, 1],
  /* 1 thi hành án         */ [3, 0, 3, 0, 0, 0, 0, 2, 0, 1, 0],
  /* 2 xác nhận kết quả    */ [1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0],
  /* 3 thay đổi CHV        */ [1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0],
  /* 4 chi phí cưỡng chế   */ [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1],
  /* 5 phí thi hành án     */ [1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
  /* Tổng cộng             */ [14, 5, 9, 1, 1, 1, 2, 3, 2, 3, 1],
]);
