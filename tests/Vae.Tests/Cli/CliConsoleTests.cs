using System.Text.Json;
using Vae.Cli;

namespace Vae.Tests.Cli;

public class CliConsoleTests
{
    sealed record Long(string Text, double[] Values);

    [Fact]
    public void Given_A_Json_Line_Longer_Than_The_Console_When_Written_Then_It_Stays_One_Line_And_Parses()
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var console = CliConsole.InMemory(o, e);
        var value = new Long("[bold]not markup[/] " + new string('x', 300), Enumerable.Range(0, 100).Select(i => i / 7.0).ToArray());
        console.WriteJson(value);
        string text = o.ToString();
        Assert.True(text.Length > 2 * console.Output.Profile.Width, "the line must be longer than the console is wide");
        Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(JsonSerializer.Serialize(value, Vae.IO.Json.Line) + Environment.NewLine, text);
        var parsed = JsonDocument.Parse(text).RootElement;
        Assert.StartsWith("[bold]not markup[/] ", parsed.GetProperty("text").GetString());
        Assert.Equal(100, parsed.GetProperty("values").GetArrayLength());
        Assert.Equal("", e.ToString());
    }

    [Fact]
    public void Given_Plain_Text_With_Brackets_And_Tabs_When_Written_Then_The_Bytes_Are_Unchanged()
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var console = CliConsole.InMemory(o, e);
        string line = "a\tb [red]c[/] " + new string('y', 200) + " ‖ Å²";
        console.WriteLine(line);
        console.Err.WriteLine("note");
        Assert.Equal(line + Environment.NewLine, o.ToString());
        Assert.Equal("note" + Environment.NewLine, e.ToString());
    }

    [Fact]
    public void Given_Two_Runs_At_Once_When_Each_Has_Its_Own_Consoles_Then_Neither_Sees_The_Other()
    {
        var results = Enumerable.Range(0, 4).AsParallel().Select(i => CliRunner.Run("no-such-verb-" + i)).ToArray();
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(ExitCodes.BadInput, results[i].ExitCode);
            Assert.Contains("no-such-verb-" + i, results[i].Error);
            Assert.DoesNotContain("no-such-verb-" + (i + 1) % 4, results[i].Error);
        }
    }
}
