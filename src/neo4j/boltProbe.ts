/**
 * Whether a Bolt server answers on a port: a TCP connect, then the Bolt
 * handshake (an HTTP or other server on the port is not mistaken for Neo4j).
 */
import net from 'node:net';

/**
 * Connects to host:port and resolves with what `talk` decides (through the
 * `done` it is given), or false on an error, a close or `timeoutMs`; the
 * socket is destroyed either way.
 */
function probe(host: string, port: number, timeoutMs: number, talk: (socket: net.Socket, done: (answer: boolean) => void) => void): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer: boolean): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    talk(socket, done);
  });
}

/** Whether a TCP connection to host:port succeeds within timeoutMs. */
export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return probe(host, port, timeoutMs, (socket, done) => socket.once('connect', () => done(true)));
}

/**
 * Whether host:port answers the Bolt handshake (any 4-byte version reply,
 * even "no common version", means it is a Bolt server).
 */
export function speaksBolt(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return probe(host, port, timeoutMs, (socket, done) => {
    let received = Buffer.alloc(0);
    socket.once('connect', () => {
      socket.write(
        Buffer.from([
          0x60, 0x60, 0xb0, 0x17, // magic
          0x00, 0x04, 0x04, 0x05, // 5.4 down to 5.0
          0x00, 0x00, 0x04, 0x04, // 4.4
          0x00, 0x00, 0x00, 0x04, // 4
          0x00, 0x00, 0x00, 0x03, // 3
        ]),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4) {
        // Bolt replies with exactly a version (0x00 0x00 minor major); HTTP and others don't.
        done(received[0] === 0 && received[1] === 0 && received.length === 4);
      }
    });
  });
}

/** Polls speaksBolt until it answers or the deadline (epoch ms) passes; checks at least once. */
export async function waitForBolt(host: string, port: number, deadline: number): Promise<boolean> {
  for (;;) {
    if (await speaksBolt(host, port)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
