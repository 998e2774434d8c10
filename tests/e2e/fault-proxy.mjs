// fault-proxy.mjs - a stand-in for an outage in the browser tests (harness.mjs faultProxy):
// an HTTP server on a free loopback port in front of TARGET that answers the paths of
// FAULTS itself ({"/healthz": {"status": 503, "body": {...}}}, body sent as JSON) and
// passes every other request through unchanged. Prints its URL on the first line of
// standard output; runs until SIGTERM.
// Usage: node fault-proxy.mjs TARGET_URL FAULTS_JSON
import { createServer, request } from 'node:http';

const [target, faultsJson] = process.argv.slice(2);
const up = new URL(target);
const faults = JSON.parse(faultsJson);

const proxy = createServer((req, res) => {
  const fault = faults[req.url.split('?')[0]];
  if (fault) {
    const body = JSON.stringify(fault.body);
    res.writeHead(fault.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  const pass = request({
    hostname: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers,
  }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  pass.on('error', () => res.destroy());
  req.pipe(pass);
});
proxy.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${proxy.address().port}`));
process.on('SIGTERM', () => { proxy.closeAllConnections(); proxy.close(() => process.exit(0)); });
