// Preloaded (`node -r dist/src/bench/mem-probe.js dist/src/index.js`) into a benchmarked server
// started with an IPC channel: answers {type: "bench:memory"} with process.memoryUsage(), so the
// benchmark can report heap figures next to the RSS it reads from /proc. It adds a message
// listener and nothing else; without an IPC channel it does nothing.
if (typeof process.send === 'function') {
  process.on('message', (m: unknown) => {
    if (m && typeof m === 'object' && (m as { type?: string }).type === 'bench:memory') {
      process.send!({ type: 'bench:memory', usage: { ...process.memoryUsage(), gcRun: false } });
    }
  });
  // Adding a 'message' listener refs the channel; unref it so it never keeps the server alive.
  process.channel?.unref();
}
