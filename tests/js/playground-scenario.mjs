// Default scenario of playground-e2e.mjs: KinerjaBot in the Agents Playground (Teams emulation), as the
// demo user Ibu Rina (see .m365agentsplayground.yml): an employee with her own SKP and the rater of three staff.
// Step fields are described at the top of playground-e2e.mjs.
export default {
  name: "KinerjaBot: employee and supervisor journey",
  steps: [
    { name: "help card on 'bantuan'", say: "bantuan", expectCard: "Bantuan KinerjaBot" },
    { name: "chat report is understood and confirmed", say: "lapor selesai 1 laporan evaluasi pelayanan", expectCard: "Apakah ini benar?" },
    { name: "confirm records it", click: "Simpan", expectCard: "Tercatat" },
    { name: "status shows own SKP and the team", say: "status", expectCard: "Tim Anda" },
    { name: "review list shows staff reports", say: "tinjau", expectCard: "Progres dari" },
    { name: "approve from the card", click: "Setujui", expectCard: "Disetujui" },
  ],
};
