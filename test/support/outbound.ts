// Every outbound fetch of the tests (the Worker's and the test code's) lands
// here, in Node, through Miniflare's outboundService. Cloudflare Access teams
// are answered here; everything else goes to the siteverify stand-in, which
// refuses any host it does not know.
//
// Any *.cloudflareaccess.com host is a team whose certs endpoint publishes
// the known test key, so a test can take a hostname of its own and start with
// an empty key cache. Two hostnames behave differently:
//   down.cloudflareaccess.com        answers 500 to every request;
//   rotating-*.cloudflareaccess.com  publishes no key on its first certs
//                                    fetch, then the known key (a rotation).
// GET https://<team>/__stub/cert-fetches answers how many times that team's
// certs were fetched.
//
// Hosts under .example are other people's sites for the Webmention tests,
// and cloudflare-dns.com their DNS: see source-sites.ts.
import { knownAccessKey } from './access-keys.ts';
import { createSiteverifyStub } from './siteverify-stub.ts';
import { createSourceSites, isSourceSite } from './source-sites.ts';

const ACCESS_SUFFIX = '.cloudflareaccess.com';

export function createOutboundStub(): (request: Request) => Promise<Response> {
  const siteverify = createSiteverifyStub();
  const sourceSites = createSourceSites();
  const certFetches = new Map<string, number>();
  return async (request) => {
    const url = new URL(request.url);
    const team = url.hostname;
    if (isSourceSite(url.hostname)) return sourceSites(request);
    if (!team.endsWith(ACCESS_SUFFIX)) return siteverify(request);
    if (url.pathname === '/__stub/cert-fetches') return Response.json(certFetches.get(team) ?? 0);
    if (url.pathname !== '/cdn-cgi/access/certs') return new Response('not found', { status: 404 });
    const fetches = (certFetches.get(team) ?? 0) + 1;
    certFetches.set(team, fetches);
    if (team === `down${ACCESS_SUFFIX}`) return new Response('upstream failure', { status: 500 });
    const keys = team.startsWith('rotating-') && fetches === 1 ? [] : [knownAccessKey.publicJwk];
    return Response.json({ keys });
  };
}
