import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPortOpen, speaksBolt } from './boltProbe.js';
import {
  findProjectRoot,
  isBuildUpToDate,
  javaArguments,
  JVM_ARGS,
  LAUNCHER_CLASS,
  launcherPaths,
  parseClasspath,
  parseJavaMajorVersion,
  splitJvmOptions,
} from './launcherBuild.js';
import { parseReadyLine, stripAnsi } from './launcherProcess.js';
import { Neo4jUnavailableError } from './localNeo4jErrors.js';

describe('parseReadyLine', () => {
  it('returns the Bolt URI from the READY line', () => {
    expect(parseReadyLine('READY bolt://127.0.0.1:7687')).toBe('bolt://127.0.0.1:7687');
    expect(parseReadyLine('READY bolt://127.0.0.1:7699\r')).toBe('bolt://127.0.0.1:7699');
  });

  it('ignores other lines', () => {
    expect(parseReadyLine('STOPPED')).toBeUndefined();
    expect(parseReadyLine('local-neo4j: started in 4000 ms')).toBeUndefined();
    expect(parseReadyLine('  READY bolt://127.0.0.1:7687')).toBeUndefined();
    expect(parseReadyLine('READY bolt://127.0.0.1')).toBeUndefined();
  });
});

describe('stripAnsi', () => {
  it("removes the colour resets Maven writes even with --batch-mode and -Dstyle.color=never", () => {
    // What `mvn -q -B -Dstyle.color=never validate` printed: four resets and nothing else.
    expect(stripAnsi('\u001b[0m\u001b[0m\u001b[0m\u001b[0m')).toBe('');
    expect(stripAnsi('\u001b[1;31m[ERROR]\u001b[m Failed to execute goal')).toBe('[ERROR] Failed to execute goal');
    expect(stripAnsi('plain line')).toBe('plain line');
  });
});

describe('parseJavaMajorVersion', () => {
  it('reads modern and legacy version strings', () => {
    expect(parseJavaMajorVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
    expect(parseJavaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajorVersion('java version "1.8.0_292"')).toBe(8);
    expect(parseJavaMajorVersion('openjdk version "11.0.2-ea"')).toBe(11);
  });

  it('returns undefined for unknown output', () => {
    expect(parseJavaMajorVersion('command not found')).toBeUndefined();
  });
});

describe('isBuildUpToDate', () => {
  it('is current when the stamp is no older than every input and all outputs exist', () => {
    expect(isBuildUpToDate({ inputs: [100, 200], outputs: [150, 150], stamp: 200 })).toBe(true);
    expect(isBuildUpToDate({ inputs: [100, undefined], outputs: [150, 150], stamp: 300 })).toBe(true);
  });

  it('is stale when an input changed after the build', () => {
    expect(isBuildUpToDate({ inputs: [100, 400], outputs: [150, 150], stamp: 300 })).toBe(false);
  });

  it('is stale when an output or the stamp is missing', () => {
    expect(isBuildUpToDate({ inputs: [100], outputs: [150, undefined], stamp: 300 })).toBe(false);
    expect(isBuildUpToDate({ inputs: [100], outputs: [150, 150], stamp: undefined })).toBe(false);
  });
});

describe('classpath and command line', () => {
  it('parses classpath.txt', () => {
    expect(parseClasspath('/a.jar:/b.jar\n', ':')).toEqual(['/a.jar', '/b.jar']);
    expect(parseClasspath('  \n', ':')).toEqual([]);
  });

  it('splits NEO4J_JAVA_OPTS', () => {
    expect(splitJvmOptions(undefined)).toEqual([]);
    expect(splitJvmOptions('  -Xmx2g   -Dfoo=bar ')).toEqual(['-Xmx2g', '-Dfoo=bar']);
  });

  it('puts JVM flags first, extra flags after them, and the class last', () => {
    const args = javaArguments('/r/neo4j/target/classes', ['/a.jar', '/b.jar'], ['-Xmx2g']);
    expect(args.slice(0, JVM_ARGS.length)).toEqual([...JVM_ARGS]);
    expect(args[JVM_ARGS.length]).toBe('-Xmx2g');
    expect(args).toContain('--add-opens=java.base/java.nio=ALL-UNNAMED');
    const cp = args[args.indexOf('-cp') + 1];
    expect(cp).toBe(['/r/neo4j/target/classes', '/a.jar', '/b.jar'].join(path.delimiter));
    expect(args.slice(-2)).toEqual([LAUNCHER_CLASS, '--exit-on-stdin-close']);
  });

  it('knows where the launcher lives', () => {
    const paths = launcherPaths('/r');
    expect(paths.pom).toBe(path.join('/r', 'neo4j', 'pom.xml'));
    expect(paths.classpathFile).toBe(path.join('/r', 'neo4j', 'target', 'classpath.txt'));
  });
});

describe('findProjectRoot', () => {
  const root = path.resolve('/repo');
  const exists = (file: string): boolean => file === path.join(root, 'neo4j', 'pom.xml');

  it('finds the root from src/neo4j (tsx, vitest) and dist/src/neo4j (tsc)', () => {
    expect(findProjectRoot(path.join(root, 'src', 'neo4j'), exists)).toBe(root);
    expect(findProjectRoot(path.join(root, 'dist', 'src', 'neo4j'), exists)).toBe(root);
    expect(findProjectRoot(path.join(root, 'dist', 'neo4j'), exists)).toBe(root);
  });

  it('finds this repository by default', () => {
    expect(findProjectRoot()).toBe(path.resolve(import.meta.dirname, '..', '..'));
  });

  it('explains what to do when there is no launcher', () => {
    expect(() => findProjectRoot(path.resolve('/nowhere'), () => false)).toThrow(Neo4jUnavailableError);
    expect(() => findProjectRoot(path.resolve('/nowhere'), () => false)).toThrow(/NEO4J_URI/);
  });
});

describe('network probes', () => {
  async function withServer(onConnection: (socket: net.Socket) => void, run: (port: number) => Promise<void>): Promise<void> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      onConnection(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    try {
      await run(address.port);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it('isPortOpen sees a listening port and a closed one', async () => {
    let closedPort = 0;
    await withServer(
      (socket) => socket.destroy(),
      async (port) => {
        closedPort = port;
        expect(await isPortOpen('127.0.0.1', port, 1000)).toBe(true);
      },
    );
    expect(await isPortOpen('127.0.0.1', closedPort, 1000)).toBe(false);
  });

  it('speaksBolt accepts a Bolt version reply and rejects other servers', async () => {
    await withServer(
      (socket) => socket.once('data', () => socket.write(Buffer.from([0, 0, 4, 5]))),
      async (port) => expect(await speaksBolt('127.0.0.1', port, 1000)).toBe(true),
    );
    await withServer(
      (socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')),
      async (port) => expect(await speaksBolt('127.0.0.1', port, 1000)).toBe(false),
    );
    await withServer(
      () => undefined, // accepts, says nothing
      async (port) => expect(await speaksBolt('127.0.0.1', port, 300)).toBe(false),
    );
  });
});
