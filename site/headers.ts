/**
 * The public desk site's content security policy, one definition for CloudFront (infra/constructs/
 * desk-site.ts) and the local server (local/desk-site): the pages load their own stylesheet and nothing
 * else, run no script, post no form, and are never framed. mailto: and tel: links are navigations,
 * which the policy does not restrict.
 */
export const DESK_SITE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');
