// Print a TCP port on 127.0.0.1 that nothing listens on now, for a test server (a fixed port may be
// taken by something else on the machine). Usage: node tools/free-port.mjs
import { createServer } from "node:net";

const srv = createServer();
srv.listen(0, "127.0.0.1", () => {
  const { port } = srv.address();
  srv.close(() => console.log(port));
});
