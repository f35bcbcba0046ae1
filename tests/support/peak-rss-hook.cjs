// Loaded with `node --require` into a CLI process that a test measures (grantlensMeasured in
// grantlens-cli.ts): the peak resident memory of the whole process, worker threads included, as
// the kernel counted it, written where the test reads it once the process has ended.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  writeFileSync(process.env.GRANTLENS_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
