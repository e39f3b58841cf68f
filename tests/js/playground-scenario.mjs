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
    // Continuous feedback: Ibu Rina asks her own rater about a BerAKHLAK value.
    { name: "feedback request form", say: "minta umpan balik", expectCard: "Minta umpan balik" },
    { name: "send the feedback request", choose: { "Tentang": "Akuntabel" }, fill: { "Pertanyaan (opsional)": "Bagaimana ketepatan waktu laporan saya?" }, click: "Kirim permintaan", expectCard: /Permintaan umpan balik kepada/ },
    // The appraisal of the last closed quarter: rate a staff member, see the predikat, finalize.
    { name: "appraisal overview", say: "penilaian", expectCard: /Penilaian kinerja — Triwulan/ },
    { name: "open the member list", click: "Nilai pegawai", expectCard: "Pegawai" },
    { name: "open Budi's appraisal", choose: { "Pegawai": "Budi Santoso" }, click: "Buka penilaian", expectCard: "Penilaian Budi Santoso" },
    { name: "open the rating inputs", click: "Beri penilaian", expectCard: "Hasil kerja" },
    {
      name: "rate: work as expected, behaviour above → predikat Baik",
      choose: { "Hasil kerja": "Sesuai Ekspektasi", "Perilaku kerja": "Di Atas Ekspektasi" },
      fill: { "Catatan penilaian (alasan rating)": "Target triwulan tercapai, pelayanan ramah" },
      click: "Simpan dan lihat predikat", expectCard: "Predikat: Baik",
    },
    { name: "set the appraisal (tetapkan)", click: "Tetapkan penilaian", expectCard: "Final, menunggu tanggapan pegawai" },
    // Reports for a rater and a head of unit.
    { name: "team card", say: "tim", expectCard: /Tim .* — / },
    { name: "unit overview", say: "ringkasan unit", expectCard: "Ringkasan Bidang Pelayanan Pendaftaran Penduduk" },
  ],
};
