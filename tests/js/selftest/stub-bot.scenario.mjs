// Every step type of playground-e2e.mjs against selftest/stub-bot.mjs.
export default {
  name: "harness self-test (stub bot)",
  steps: [
    { name: "welcome card", expectCard: "KinerjaBot" },
    { name: "help card", say: "bantuan", expectCard: /[Bb]antuan/ },
    { name: "plain text reply", say: "halo", expectText: "echo: halo", expectLog: /^message 200$/ },
    { name: "form card", say: "kartu", expectCard: "Komentar" },
    { name: "fill + Action.Execute replaces the card", fill: { Komentar: "kerja bagus" }, click: "Simpan",
      expectCard: "Tersimpan: kerja bagus", expectLog: /^invoke 200$/ },
    { name: "proactive message", post: "/proactive", body: { text: "pengingat KPI mingguan" }, expectText: "pengingat KPI mingguan" },
    { name: "mock Add user", mock: "Add user", expectLog: /^conversationUpdate 200$/, expectCard: "Selamat datang" },
    { name: "mock Install application", mock: "Install application", expectLog: /^installationUpdate 200$/ },
  ],
};
