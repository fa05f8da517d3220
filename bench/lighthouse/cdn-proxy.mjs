// The proxy Lighthouse reads the local stack through, standing in for what CloudFront adds in
// production and the local gateway does not: it compresses text answers (gzip, as CloudFront does
// with Compress: true in template.yaml) when the browser accepts it. For the error page it also
// answers the page at ERROR_PATH with 200 instead of 404 (header x-bench-original-status says so):
// Lighthouse refuses to audit a document answered 4xx (ERRORED_DOCUMENT_REQUEST), and this is the
// only way to score the error page's content. Prints the port it took.
//   node cdn-proxy.mjs http://127.0.0.1:3187 [ERROR_PATH]
import http from 'node:http';
import zlib from 'node:zlib';

const [upstream, errorPath] = process.argv.slice(2);
const target = new URL(upstream);
const TEXT = /^(text\/|application\/(json|javascript|xml|rss\+xml)|image\/svg\+xml)/;

const server = http.createServer((req, res) => {
  // The Host header is passed on, so the pages' absolute URLs (canonical, hreflang) name this proxy.
  const headers = { ...req.headers };
  delete headers['accept-encoding'];
  const forward = http.request(
    { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
    (answer) => {
      const out = { ...answer.headers };
      let status = answer.statusCode;
      if (errorPath && req.url === errorPath && status === 404) {
        status = 200;
        out['x-bench-original-status'] = '404';
      }
      const gzip = TEXT.test(out['content-type'] || '') && !out['content-encoding'] &&
        /\bgzip\b/.test(req.headers['accept-encoding'] || '') && req.method !== 'HEAD';
      if (gzip) {
        delete out['content-length'];
        delete out['etag'];
        out['content-encoding'] = 'gzip';
        out['vary'] = out['vary'] ? out['vary'] + ', Accept-Encoding' : 'Accept-Encoding';
        res.writeHead(status, out);
        answer.pipe(zlib.createGzip()).pipe(res);
      } else {
        res.writeHead(status, out);
        answer.pipe(res);
      }
    });
  forward.on('error', () => { res.writeHead(502); res.end(); });
  req.pipe(forward);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
