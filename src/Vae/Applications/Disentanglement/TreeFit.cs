namespace Vae.Applications.Disentanglement;

/// <summary>What a tree classifier of one factor learned: the importance of each code (summing to 1, or all 0) and its accuracies.</summary>
public sealed record TreeFit(double[] Importance, double TrainAccuracy, double TestAccuracy);
