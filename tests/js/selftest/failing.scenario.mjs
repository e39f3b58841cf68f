// A scenario that must fail in exactly one step (selftest.mjs checks the harness reports it).
export default {
  name: "harness self-test: failing step",
  steps: [
    { name: "welcome card", expectCard: "KinerjaBot" },
    { name: "the welcome card is not new any more", say: "halo", expectCard: "Selamat datang", timeout: 3000 },
  ],
};
