import { readConfig } from './src/config.js';
import { connect } from './src/graphDatabase.js';
const g = await connect(readConfig(), (l) => console.log(l));
console.log('ready');
process.on('SIGTERM', async () => { await g.close(); process.exit(0); });
setInterval(() => undefined, 1 << 30);
