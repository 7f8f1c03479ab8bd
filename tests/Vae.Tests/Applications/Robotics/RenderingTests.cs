using Vae.Applications.Robotics;

namespace Vae.Tests.Applications.Robotics;

public class RenderingTests
{
    // Forward kinematics written out here, independently of the dynamics classes.
    static (double X, double Y) Hand(RobotSystem system, double[] s) => system == RobotSystem.Arm
        ? (1.0 * Math.Cos(s[0]) + 0.8 * Math.Cos(s[0] + s[1]), 1.0 * Math.Sin(s[0]) + 0.8 * Math.Sin(s[0] + s[1]))
        : (1.0 * Math.Sin(s[0]), -1.0 * Math.Cos(s[0]));

    [Theory]
    [InlineData(RobotSystem.Arm)]
    [InlineData(RobotSystem.Pendulum)]
    public void Rendering_Puts_The_End_Effector_At_The_Pixel_Forward_Kinematics_Predicts(RobotSystem system)
    {
        // The hand is the only yellow disk and is drawn last, with anti-aliasing off. Its centre is the
        // predicted point u = 32 + s·x, v = 32 − s·y (s = (32 − 1 − 3.5) / reach px/m), so every pixel lying
        // entirely inside the circle of radius r = 3.5 px around it must be yellow and every pixel lying
        // entirely outside must not: a pixel centre within r − √2/2 is inside, one beyond r + √2/2 is outside.
        // In particular the pixel containing the predicted point is a hand pixel.
        var dynamics = new SimulationOptions { System = system }.Dynamics();
        using var renderer = new RobotRenderer(dynamics, 64, colour: true);
        double scale = (32 - 1 - 3.5) / (system == RobotSystem.Arm ? 1.8 : 1.0), r = RobotRenderer.HandRadius, half = Math.Sqrt(0.5);
        Assert.Equal(3.5, r);
        Assert.Equal(scale, renderer.PixelsPerMetre, 12);
        var rng = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var s = Enumerable.Range(0, 2 * dynamics.Joints).Select(i => i < dynamics.Joints ? (rng.NextDouble() * 2 - 1) * Math.PI : 0).ToArray();
            var (x, y) = Hand(system, s);
            double u = 32 + scale * x, v = 32 - scale * y;
            var image = renderer.Render(s);
            bool IsHand(int px, int py) => image[py * 64 + px] == 255 && image[4096 + py * 64 + px] == 255 && image[8192 + py * 64 + px] == 0;
            Assert.True(IsHand((int)Math.Floor(u), (int)Math.Floor(v)), $"state {string.Join(",", s)}: pixel ({Math.Floor(u)}, {Math.Floor(v)}) is not the hand");
            for (int py = 0; py < 64; py++)
                for (int px = 0; px < 64; px++)
                {
                    double distance = Math.Sqrt(Math.Pow(px + 0.5 - u, 2) + Math.Pow(py + 0.5 - v, 2));
                    if (distance <= r - half) Assert.True(IsHand(px, py), $"pixel ({px}, {py}) lies inside the hand disk at ({u:F2}, {v:F2}) but is not drawn");
                    if (distance > r + half) Assert.False(IsHand(px, py), $"pixel ({px}, {py}) lies outside the hand disk at ({u:F2}, {v:F2}) but is drawn");
                }
        }
    }

    [Fact]
    public void Grey_Frames_Are_Binary_And_Light_The_End_Effector_Pixel()
    {
        var dynamics = new TwoLinkArmDynamics();
        using var renderer = new RobotRenderer(dynamics, 64, colour: false);
        double[] s = [0.7, -1.2, 0, 0];
        var image = renderer.Render(s);
        Assert.All(image, b => Assert.True(b is 0 or 255));
        var (u, v) = renderer.Pixel(dynamics.Kinematics(s)[^1].X, dynamics.Kinematics(s)[^1].Y);
        Assert.Equal(255, image[(int)v * 64 + (int)u]);
        Assert.Equal(0, image[0]);   // the corners stay empty: the reach fits inside the frame
        Assert.Equal(0, image[4095]);
    }
}
