using Vae.Applications.SingleCell;

namespace Vae.Tests.Applications.SingleCell;

/// <summary>
/// Metrics against hand computations and scikit-learn 1.2.1 (Debian python3-sklearn): the values
/// marked sklearn come from adjusted_rand_score, normalized_mutual_info_score and silhouette_score
/// on the same inputs (script: metric_fixtures.py beside this file).
/// </summary>
public class MetricTests
{
    [Fact]
    public void Ari_And_Nmi_Match_A_Hand_Computed_Case()
    {
        int[] a = [0, 0, 0, 1, 1, 1], b = [0, 0, 1, 1, 2, 2];
        // contingency [[2,1,0],[0,1,2]]: Σ C(n_ij,2) = 2, Σ C(a_i,2) = 6, Σ C(b_j,2) = 3, C(6,2) = 15
        // expected = 6·3/15 = 1.2, max = 4.5, ARI = 0.8/3.3
        Assert.Equal(0.8 / 3.3, ClusterAgreement.AdjustedRandIndex(a, b), 12);
        // MI = 2·(1/3) ln 2, H(a) = ln 2, H(b) = ln 3
        Assert.Equal(2.0 / 3 * Math.Log(2) / ((Math.Log(2) + Math.Log(3)) / 2), ClusterAgreement.NormalizedMutualInformation(a, b), 12);
        Assert.Equal(0.24242424242424243, ClusterAgreement.AdjustedRandIndex(a, b), 12);      // sklearn
        Assert.Equal(0.5158037429793888, ClusterAgreement.NormalizedMutualInformation(a, b), 12); // sklearn
    }

    [Fact]
    public void Ari_And_Nmi_Match_Scikit_Learn_On_A_Noisy_Labeling()
    {
        int[] a = [2, 0, 1, 3, 0, 0, 0, 1, 1, 3, 2, 3, 1, 1, 2, 1, 3, 2, 0, 0, 0, 1, 3, 2, 0, 2, 1, 2, 2, 2, 2, 3, 0, 1, 3, 2, 1, 0, 2, 1];
        int[] b = [2, 0, 1, 4, 0, 0, 0, 1, 1, 3, 2, 3, 1, 1, 2, 1, 3, 2, 0, 0, 0, 1, 3, 4, 0, 2, 1, 4, 2, 2, 4, 0, 0, 3, 3, 2, 1, 0, 2, 1];
        Assert.Equal(0.7543916565681625, ClusterAgreement.AdjustedRandIndex(a, b), 12);
        Assert.Equal(0.7947076475766194, ClusterAgreement.NormalizedMutualInformation(a, b), 12);
    }

    [Fact]
    public void Relabelled_Partitions_Agree_Perfectly_And_Trivial_Ones_Follow_Scikit_Learn()
    {
        int[] a = [0, 0, 1, 1, 2, 2], b = [5, 5, 9, 9, 7, 7];
        Assert.Equal(1.0, ClusterAgreement.AdjustedRandIndex(a, b), 12);
        Assert.Equal(1.0, ClusterAgreement.NormalizedMutualInformation(a, b), 12);
        Assert.Equal(1.0, ClusterAgreement.AdjustedRandIndex([0, 0, 0], [1, 1, 1]));
        Assert.Equal(1.0, ClusterAgreement.NormalizedMutualInformation([0, 0, 0], [1, 1, 1]));
        Assert.Equal(0.0, ClusterAgreement.NormalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3]), 12);
        Assert.Equal(0.0, ClusterAgreement.AdjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]), 12);
    }

    [Fact]
    public void Silhouette_Matches_A_Hand_Computed_Case()
    {
        // 1-D points 0, 1 | 4, 5: s = (4.5−1)/4.5 for the outer points, (3.5−1)/3.5 for the inner ones
        double expected = (2 * 3.5 / 4.5 + 2 * 2.5 / 3.5) / 4;
        Assert.Equal(expected, Silhouette.Score([0, 1, 4, 5], 1, [0, 0, 1, 1]), 12);
        Assert.Equal(0.746031746031746, Silhouette.Score([0, 1, 4, 5], 1, [0, 0, 1, 1]), 12); // sklearn
        // a point alone in its label counts 0: (0.9 + 8/9 + 0)/3
        Assert.Equal((0.9 + 8.0 / 9) / 3, Silhouette.Score([0, 1, 10], 1, [0, 0, 1]), 12);
        Assert.True(double.IsNaN(Silhouette.Score([0, 1, 2], 1, [4, 4, 4])));
    }

    [Fact]
    public void Silhouette_Matches_Scikit_Learn_In_Three_Dimensions()
    {
        var (points, labels) = Fixture();
        Assert.Equal(0.2937069398327117, Silhouette.Score(points, 3, labels), 6); // float32 points
    }

    [Fact]
    public void Batch_Mixing_Matches_A_Hand_Computed_Case()
    {
        // points 0,1,2,3 on a line, batches A B A B, 2 neighbours: the ends see {B,A} (entropy ln 2), the middle ones {A,A}/{B,B} (0)
        Assert.Equal(0.5, BatchMixing.Score([0, 1, 2, 3], 1, [0, 1, 0, 1], neighbours: 2), 12);
        // three batches, each point's two neighbours from the two other batches: entropy ln 2 / ln 3
        Assert.Equal(Math.Log(2) / Math.Log(3), BatchMixing.Score([0, 10, 20, 0.1f, 10.1f, 20.1f, 0.2f, 10.2f, 20.2f], 1, [0, 0, 0, 1, 1, 1, 2, 2, 2], neighbours: 2), 12);
        Assert.Equal(0.0, BatchMixing.Score([0, 0.1f, 5, 5.1f], 1, [0, 0, 1, 1], neighbours: 1), 12);
        Assert.True(double.IsNaN(BatchMixing.Score([0, 1, 2], 1, [3, 3, 3])));
    }

    [Fact]
    public void KMeans_Recovers_Separated_Blobs_And_Depends_Only_On_Its_Seed()
    {
        var rng = new Random(4);
        int n = 300;
        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var points = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            points[2 * i] = (float)(10 * labels[i] + rng.NextDouble());
            points[2 * i + 1] = (float)(labels[i] == 1 ? 10 + rng.NextDouble() : rng.NextDouble());
        }
        var result = KMeans.Fit(points, 2, 3, seed: 7);
        Assert.Equal(1.0, ClusterAgreement.AdjustedRandIndex(labels, result.Assignments), 12);
        Assert.Equal(result.Assignments, KMeans.Fit(points, 2, 3, seed: 7).Assignments);
        // the inertia is the sum of squared distances to the cluster means
        double inertia = 0;
        for (int c = 0; c < 3; c++)
        {
            var members = Enumerable.Range(0, n).Where(i => result.Assignments[i] == c).ToArray();
            for (int j = 0; j < 2; j++)
            {
                double mean = members.Average(i => (double)points[2 * i + j]);
                inertia += members.Sum(i => Math.Pow(points[2 * i + j] - mean, 2));
            }
        }
        Assert.Equal(inertia, result.Inertia, 1e-6 * inertia);
    }

    [Fact]
    public void Embedding_Metrics_Combine_Clustering_Silhouette_And_Mixing()
    {
        var (points, labels) = Fixture();
        var batches = Enumerable.Range(0, labels.Length).Select(i => i % 2).ToArray();
        var scores = EmbeddingMetrics.Compute(points, 3, labels, batches, new MetricOptions { Seed = 1 });
        var clusters = KMeans.Fit(points, 3, 4, seed: 1).Assignments;
        Assert.Equal(ClusterAgreement.AdjustedRandIndex(labels, clusters), scores.Ari, 12);
        Assert.Equal(ClusterAgreement.NormalizedMutualInformation(labels, clusters), scores.Nmi, 12);
        Assert.Equal(0.2937069398327117, scores.Silhouette, 6);
        Assert.Equal(BatchMixing.Score(points, 3, batches, 50), scores.BatchMixing, 12);
        Assert.True(double.IsNaN(EmbeddingMetrics.Compute(points, 3, labels, null).BatchMixing));
        var json = System.Text.Json.JsonSerializer.Serialize(scores, Vae.IO.Json.Line);
        Assert.Contains("\"ari\":", json);
        Assert.Contains("\"nmi\":", json);
        Assert.Contains("\"silhouette\":", json);
        Assert.Contains("\"batch_mixing\":", json);
    }

    [Fact]
    public void Log_Normalisation_Is_Log1p_Of_Counts_Per_Ten_Thousand_Of_The_Whole_Cell()
    {
        var m = SparseCounts.FromTriplets(2, 3, [0, 0, 0, 1], [0, 1, 2, 2], [1f, 3, 6, 4]);
        var y = LogNormalization.Transform(m, [2, 0]);
        Assert.Equal(Math.Log(1 + 1e4 * 6 / 10), y[0], 5);
        Assert.Equal(Math.Log(1 + 1e4 * 1 / 10), y[1], 5);
        Assert.Equal(Math.Log(1 + 1e4), y[2], 5);
        Assert.Equal(0, y[3]);
    }

    // 40 points in 3-D around four centres (numpy RandomState(3), see metric_fixtures.py).
    static (float[] Points, int[] Labels) Fixture()
    {
        int[] labels = [2, 0, 1, 3, 0, 0, 0, 1, 1, 3, 2, 3, 1, 1, 2, 1, 3, 2, 0, 0, 0, 1, 3, 2, 0, 2, 1, 2, 2, 2, 2, 3, 0, 1, 3, 2, 1, 0, 2, 1];
        double[] x = [2.8454931481007124, 4.769627303293743, 3.4837883476005302, 0.6762163998630621, 0.6431632805957185, 0.2490867067258341, 0.10423649735932505, 2.8916629077448075, 0.12933098744798355, 4.738563192405901, 5.114077087754094, 3.662087727297706, 0.14506321410352788, 1.1678822863016418, -0.024104470071230052, -0.8886574178529492, -2.915737751792712, -0.9718405025726093, -0.5910787384858753, -0.516417367788474, -0.9599961802272166, 1.8772952341132005, 0.9252915795072949, 1.3905456661193916, 2.179071599825507, 0.6445628313401187, 1.1997939254804493, 6.658149342056919, 5.37428572261052, 3.2064633680782157, 2.9202590618144284, 3.564485518294597, 4.2334710444531565, 4.648986394680991, 3.9694178556448954, 3.76947335630667, 2.145061984983909, 1.8130603740241065, 0.9833520752018503, 1.3109283335642872, 1.0838019848698521, 2.2246576582394497, 2.3100393226861344, 3.486414475268615, 3.8515189504847083, 1.9862493261083112, 0.6657601493282151, 2.844992456622238, 3.8217873206588484, 4.926435074440075, 3.7466652064025276, 1.255889749358906, 3.22575026624582, 3.2870351646948244, -0.07744096055993933, 0.27606849724284316, -0.6484108883064816, -0.7374648374587585, -0.16809009862191446, 1.909276809266566, 0.8148145412513252, -0.5199917540975635, 0.5587132048474234, 1.0216353395567896, 1.0427392128616932, 2.3592840082646758, 3.9747353548443662, 2.824365365815405, 3.5935052994256718, 3.088415206202006, 3.1280078211161007, 4.24161651815854, -0.7160257975174191, 0.7314657358201054, 0.42596674984978417, 2.850986227784498, 3.835843902181973, 3.4921189029137967, 0.6376915130631262, 2.571683929782794, 0.2790980801038667, 3.0596154330903294, 3.002444161989235, 3.424635720859857, 2.2745665196014877, 2.9650566144479096, 2.859379972984082, 3.9970883670936512, 2.2040853067766095, 3.0727455291514345, 2.7387595153279816, 1.7019533623305176, 5.676112467653689, 4.428780972839439, 3.013341929079239, 5.90862695884896, -1.0705854991525032, 0.37086997203026, 0.8628320949627665, 0.8515679772239418, 1.0691099446143983, 0.959729736209446, 4.3706389902489455, 2.8775388295303816, 3.2643633758938773, 2.859213557815376, 4.038952117354455, 3.631744177429087, 3.2294174292102973, 2.194052272069424, 0.988871007447086, -0.12284340561303929, -2.030393553778298, -0.9607751102139338, 1.9796407211960145, 3.2705934249706647, 3.647829797409858, 0.9396265811158381, 0.9114983803205711, -0.04655582281107784];
        return (x.Select(v => (float)v).ToArray(), labels);
    }
}
