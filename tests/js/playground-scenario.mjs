// Default scenario of playground-e2e.mjs: KinerjaBot in the Agents Playground (Teams emulation), as the
// demo user Ibu Rina (see .m365agentsplayground.yml): an employee with her own SKP and the rater of three staff.
// Step fields: see tests/js/README.md.
export default {
  name: "KinerjaBot: employee and supervisor journey",
  steps: [
    { name: "welcome card on install", expectCard: /Selamat datang di KinerjaBot|Welcome to KinerjaBot/, timeout: 60000 },
    // The Playground (0.2.28) sends every activity with locale en-US, so the bot would answer in English.
    { name: "switch to Indonesian", say: "language indonesian", expectText: /./ },
    { name: "help card on 'bantuan'", say: "bantuan", expectCard: "Bantuan KinerjaBot" },
    { name: "chat report is understood and confirmed", say: "lapor selesai 1 laporan evaluasi pelayanan", expectCard: "Apakah ini benar?" },
    { name: "confirm records it", click: "Simpan", expectCard: "Tercatat" },
    { name: "status shows own SKP and the team", say: "status", expectCard: "Tim Anda" },
    { name: "review list shows staff reports", say: "tinjau", expectCard: "Progres dari" },
    { name: "approve from the card", click: "Setujui", expectCard: "Disetujui" },
  ],
};
