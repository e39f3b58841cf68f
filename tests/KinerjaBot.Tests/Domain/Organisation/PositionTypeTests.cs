using KinerjaBot.Domain;

namespace KinerjaBot.Tests.Domain.Organisation;

public class PositionTypeTests
{
    [Fact]
    public void PositionType_HasJptTheThreeJaLevelsAndJf()
    {
        Assert.Equal(["Jpt", "Administrator", "Pengawas", "Pelaksana", "Fungsional"], Enum.GetNames<PositionType>());
    }
}
