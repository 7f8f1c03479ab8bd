namespace Vae.Tests.Cli;

public class VerbNamesTests
{
    [Theory]
    [InlineData("ising", "analyze", "analyse")]
    [InlineData("mol", "optimize", "optimise")]
    public void Given_A_Branch_When_Asked_For_Help_Then_It_Lists_The_US_Verb_And_Accepts_The_British_Alias(string branch, string verb, string alias)
    {
        var help = CliRunner.Run(branch, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains(verb, help.Out);
        var viaAlias = CliRunner.Run(branch, alias, "--help");
        Assert.True(viaAlias.ExitCode == 0, viaAlias.Error);
        Assert.Contains(verb, viaAlias.Out);
    }

    [Fact]
    public void Given_Robot_Simulate_When_Asked_For_Help_Then_It_Offers_Color_And_Still_Parses_Colour()
    {
        var help = CliRunner.Run("robot", "simulate", "--help");
        Assert.Contains("--color", help.Out);
        // --colour parses (the error is about the missing output folder or a bad value, never an unknown option)
        var r = CliRunner.Run("robot", "simulate", "--colour", "--episodes", "0");
        Assert.DoesNotContain("Unknown option", r.Error);
    }
}
