using Vae.Models;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

public class EvaluationModeTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Enter_Sets_Eval_And_No_Grad_And_Dispose_Restores_Both(bool training)
    {
        using var module = nn.Linear(3, 2);
        module.train(training);
        Assert.True(is_grad_enabled());
        using (EvaluationMode.Enter(module))
        {
            Assert.False(module.training);
            Assert.False(is_grad_enabled());
        }
        Assert.Equal(training, module.training);
        Assert.True(is_grad_enabled());
    }

    [Fact]
    public void With_Gradients_Autograd_Stays_On()
    {
        using var module = nn.Linear(3, 2);
        using (EvaluationMode.Enter(module, gradients: true))
        {
            Assert.False(module.training);
            Assert.True(is_grad_enabled());
        }
        Assert.True(module.training);
    }

    [Fact]
    public void An_Exception_Restores_The_Training_Flag()
    {
        using var module = nn.Linear(3, 2);
        void Evaluate()
        {
            using var evaluating = EvaluationMode.Enter(module);
            throw new InvalidOperationException("evaluation failed");
        }
        Assert.Throws<InvalidOperationException>(Evaluate);
        Assert.True(module.training);
        Assert.True(is_grad_enabled());
    }
}
