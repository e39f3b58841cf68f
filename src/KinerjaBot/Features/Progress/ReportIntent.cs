using System.Text.RegularExpressions;

namespace KinerjaBot.Features.Progress;

/// <summary>
/// Whether a sentence with a number in it, typed without <c>lapor</c>, is a progress report. A digit alone is not
/// enough ("saya cuti 2 hari minggu depan"): it needs words of work done, or words of one of the person's
/// indicators; talk of leave, meetings or the future without words of work done is not a report. When this says
/// no, the bot asks instead of guessing.
/// </summary>
public static partial class ReportIntent
{
    // Work done, in formal and chat Indonesian (with the usual abbreviations) and English.
    [GeneratedRegex(@"\b(selesai|diselesaikan|menyelesaikan|terselesaikan|sudah|sdh|udh|udah|dah|telah|tlh|beres|rampung|tuntas|tercapai|mencapai|capai|capaian|realisasi|mengerjakan|dikerjakan|memproses|diproses|terproses|melayani|dilayani|menerbitkan|diterbitkan|terbit|mencetak|dicetak|input|diinput|menginput|entri|dientri|verifikasi|diverifikasi|memverifikasi|menyusun|disusun|tersusun|mengirim|dikirim|terkirim|melaksanakan|dilaksanakan|terlaksana|done|completed|finished|processed|issued|handled|delivered|achieved)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WorkDone();

    // Absence, plans and chatter that carry numbers but report nothing.
    [GeneratedRegex(@"\b(cuti|izin|ijin|sakit|libur|dinas luar|rapat|meeting|besok|lusa|nanti|minggu depan|bulan depan|tahun depan|akan|mau|ingin|jam \d|pukul|tanggal|tgl|nomor|no\.?|telp|telepon|hp|wa|rekening|leave|holiday|tomorrow|next week|will)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotWork();

    /// <param name="text">The message as typed.</param>
    /// <param name="mentionsIndicator">Whether its words name one of the person's indicators, units or RHK.</param>
    public static bool IsReport(string text, bool mentionsIndicator)
    {
        if (WorkDone().IsMatch(text))
        {
            return true;
        }

        return mentionsIndicator && !NotWork().IsMatch(text);
    }
}
