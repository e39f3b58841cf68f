using KinerjaBot.Conversation;
using KinerjaBot.Data.Model;
using KinerjaBot.Domain.Names;
using KinerjaBot.Localization;

namespace KinerjaBot.Tests.Domain.Names;

public sealed class AddressNameTests
{
    [Theory]
    // Balinese: sex, caste and birth-order particles before the personal name.
    [InlineData("I Made Suarta", false, "Suarta")]
    [InlineData("I Wayan Sudirta, S.H., M.H.", false, "Sudirta")]
    [InlineData("I Gede Ngurah Rai", false, "Rai")]
    [InlineData("I Ketut Arsana", false, "Arsana")]
    [InlineData("I Nyoman Wirata", false, "Wirata")]
    [InlineData("I Komang Adi Putra", false, "Adi")]
    [InlineData("Ni Luh Putu Ayu", true, "Ayu")]
    [InlineData("Ni Made Sri Wahyuni, S.Pd.", true, "Sri")]
    [InlineData("Ni Kadek Dwi Lestari", true, "Dwi")]
    [InlineData("Luh Ketut Suryani", true, "Suryani")]
    [InlineData("Putu Sudiarta", false, "Sudiarta")]
    [InlineData("Kadek Wirawan", false, "Wirawan")]
    [InlineData("Ida Bagus Made Oka", false, "Oka")]
    [InlineData("Ida Ayu Komang Sari", true, "Sari")]
    [InlineData("Anak Agung Gede Agung", false, "Agung")]
    [InlineData("Dr. I Gusti Ngurah Made Wijaya, M.Si.", false, "Wijaya")]
    [InlineData("I MADE SUARTA", false, "Suarta")]
    [InlineData("I Made", false, "Made")]
    // Batak: men by marga, women by given name.
    [InlineData("Tua Simanjuntak", false, "Simanjuntak")]
    [InlineData("Ir. Hotman Paris Hutapea, M.T.", false, "Hutapea")]
    [InlineData("Abdul Haris Nasution", false, "Nasution")]
    [InlineData("Rina br. Siregar", true, "Rina")]
    [InlineData("Rina Boru Siregar", true, "Rina")]
    [InlineData("Dewi Sartika Sitorus", true, "Dewi")]
    [InlineData("Siregar", false, "Siregar")]
    // Javanese and other single names.
    [InlineData("Sukarno", false, "Sukarno")]
    [InlineData("Drs. Sutrisno", false, "Sutrisno")]
    [InlineData("Sri Mulyani", true, "Sri")]
    [InlineData("Agung Laksono", false, "Agung")]
    [InlineData("Ayu Lestari", true, "Ayu")]
    // Titles before and degrees after the name.
    [InlineData("Drs. Hendra Gunawan, M.Si.", false, "Hendra")]
    [InlineData("Rina Marlina, S.Sos., M.AP.", true, "Rina")]
    [InlineData("Dr. Andi Mappaware, M.Pd.", false, "Andi")]
    [InlineData("Prof. Dr. Ir. H. Bambang Wijaya, M.Sc.", false, "Bambang")]
    [InlineData("Hj. Siti Aminah", true, "Siti")]
    [InlineData("dr. Ratna Dewi, Sp.A.", true, "Ratna")]
    [InlineData("H. Muhammad Rizki, S.Kom.", false, "Rizki")]
    [InlineData("M. Yusuf", false, "Yusuf")]
    [InlineData("Budi Santoso S.Kom", false, "Budi")]
    [InlineData("Yohanes Wenda, S.STP.", false, "Yohanes")]
    [InlineData("Agus Prasetyo A.Md.Kep.", false, "Agus")]
    [InlineData("  Budi   Santoso  ", false, "Budi")]
    public void Of_NamesAcrossIndonesia_GivesTheNameToAddress(string fullName, bool isWoman, string expected) =>
        Assert.Equal(expected, AddressName.Of(fullName, isWoman));

    [Theory]
    [InlineData("I Made Suarta", Salutation.Bapak, "Bapak Suarta")]
    [InlineData("Ni Luh Putu Ayu", Salutation.Ibu, "Ibu Ayu")]
    [InlineData("Tua Simanjuntak", Salutation.Bapak, "Bapak Simanjuntak")]
    [InlineData("Sukarno", Salutation.Bapak, "Bapak Sukarno")]
    [InlineData("Rina Marlina, S.Sos., M.AP.", Salutation.Ibu, "Ibu Rina")]
    public void AddressOf_Employee_SalutationAndName(string name, Salutation salutation, string expected)
    {
        var employee = new Employee { Nip = "1", Name = name, Salutation = salutation, PositionName = "Staf" };
        Assert.Equal(expected, BotUser.AddressOf(employee, Texts.For(Texts.Indonesian)));
    }
}
