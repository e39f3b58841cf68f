using KinerjaBot.Protocol.Authentication;

namespace KinerjaBot.Protocol.Tests.Authentication;

public sealed class LoopbackGuardTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("http://localhost:3978")]
    [InlineData("http://127.0.0.1:3978/api/messages")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:3978")]
    [InlineData("127.45.6.7")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("[::1]:3978")]
    [InlineData("http://[::1]:3978")]
    [InlineData("::ffff:127.0.0.1")]
    public void IsLoopback_LoopbackAddress_True(string value)
    {
        Assert.True(LoopbackGuard.IsLoopback(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0.0.0.0")]
    [InlineData("http://0.0.0.0:3978")]
    [InlineData("http://*:3978")]
    [InlineData("http://+:3978")]
    [InlineData("[::]")]
    [InlineData("::")]
    [InlineData("10.0.0.5")]
    [InlineData("128.0.0.1")]
    [InlineData("https://kinerja.example.go.id")]
    [InlineData("localhost.evil.example")]
    [InlineData("127.0.0.1.nip.io")]
    [InlineData("http://localhost@evil.example/")]
    public void IsLoopback_PublicOrWildcardAddress_False(string value)
    {
        Assert.False(LoopbackGuard.IsLoopback(value));
    }
}
