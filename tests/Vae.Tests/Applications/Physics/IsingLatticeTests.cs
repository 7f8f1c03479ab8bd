using Vae.Applications.Physics;

namespace Vae.Tests.Applications.Physics;

public class IsingLatticeTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void All_Up_Lattice_Has_Ground_State_Energy_And_Full_Magnetization(int size)
    {
        var lattice = new IsingLattice(size);
        Assert.Equal(-2 * size * size, lattice.Energy());
        Assert.Equal(size * size, lattice.Magnetization());
    }

    [Fact]
    public void Checkerboard_Has_The_Highest_Energy_And_No_Magnetization()
    {
        var spins = Enumerable.Range(0, 16).Select(i => (i / 4 + i % 4) % 2 == 0 ? 1 : -1).ToArray();
        var lattice = new IsingLattice(4, spins);
        Assert.Equal(32, lattice.Energy());
        Assert.Equal(0, lattice.Magnetization());
    }

    [Fact]
    public void Two_Stripes_Break_Two_Rows_Of_Bonds()
    {
        // rows 0-1 up, rows 2-3 down: the 4 vertical bonds between rows 1|2 and the 4 between rows 3|0 (periodic) are broken
        var spins = Enumerable.Range(0, 16).Select(i => i < 8 ? 1 : -1).ToArray();
        var lattice = new IsingLattice(4, spins);
        Assert.Equal(-(32 - 2 * 8), lattice.Energy());
        Assert.Equal(0, lattice.Magnetization());
    }

    [Fact]
    public void On_A_2x2_Lattice_Each_Pair_Is_Joined_Twice()
    {
        // one spin down among four: it sits on 4 bonds (2 to each of its two neighbours), all broken
        var lattice = new IsingLattice(2, [1, -1, 1, 1]);
        Assert.Equal(-8 + 2 * 4 * 1 * 2 / 2, lattice.Energy()); // from −8, four bonds of −1 become +1
        Assert.Equal(0, lattice.Energy());
        Assert.Equal(2, lattice.Magnetization());
    }

    [Fact]
    public void Hand_Built_3x3_Lattice_Has_The_Counted_Energy()
    {
        //  +  +  -
        //  +  -  -
        //  +  +  +      bonds counted by hand: 18 bonds, 8 broken → E = −18 + 2·8 = −2, M = 9 − 2·3 = 3
        var lattice = new IsingLattice(3, [1, 1, -1, 1, -1, -1, 1, 1, 1]);
        Assert.Equal(-2, lattice.Energy());
        Assert.Equal(3, lattice.Magnetization());
    }

    [Fact]
    public void Flipping_A_Spin_Changes_The_Energy_By_Twice_Spin_Times_Local_Field()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            int size = 2 + trial % 4;
            var lattice = new IsingLattice(size, Enumerable.Range(0, size * size).Select(_ => random.Next(2) * 2 - 1).ToArray());
            int site = random.Next(size * size);
            int before = lattice.Energy();
            int predicted = 2 * lattice.Spins[site] * lattice.LocalField(site);
            lattice.Spins[site] = (sbyte)-lattice.Spins[site];
            Assert.Equal(predicted, lattice.Energy() - before);
        }
    }

    [Fact]
    public void State_Index_Round_Trips_And_Global_Flip_Keeps_The_Energy()
    {
        var lattice = new IsingLattice(3);
        for (long s = 0; s < 512; s += 7)
        {
            lattice.SetState(s);
            Assert.Equal(s, lattice.State());
            int e = lattice.Energy(), m = lattice.Magnetization();
            lattice.FlipAll();
            Assert.Equal(e, lattice.Energy());
            Assert.Equal(-m, lattice.Magnetization());
        }
    }
}
