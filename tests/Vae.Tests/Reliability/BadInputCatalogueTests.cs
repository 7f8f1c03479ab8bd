using Vae.Reliability;

namespace Vae.Tests.Reliability;

public sealed class WorkspaceFixture : IDisposable
{
    public Workspace Workspace { get; } = new();
    public void Dispose() => Workspace.Dispose();
}

public class BadInputCatalogueTests(WorkspaceFixture fixture) : IClassFixture<WorkspaceFixture>
{
    [Fact]
    public void The_Catalogue_Has_At_Least_Forty_Cases()
    {
        Assert.True(BadInputCatalogue.Cases.Count >= 40, $"{BadInputCatalogue.Cases.Count} cases");
        Assert.Equal(BadInputCatalogue.Cases.Count, BadInputCatalogue.Cases.Select(c => c.Description).Distinct().Count());
    }

    [Fact]
    public void Every_Case_Gets_One_Clear_Line_And_Exit_Code_2()
    {
        var problems = BadInputCatalogue.Cases
            .Select(c => CatalogueRunner.Run(fixture.Workspace, c))
            .Where(o => o.Problems.Count > 0)
            .Select(o => $"{o.Case.Category} / {o.Case.Description}: {string.Join("; ", o.Problems)} — got: {o.Message}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
