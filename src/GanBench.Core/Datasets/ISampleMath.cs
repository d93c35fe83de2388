namespace GanBench.Core.Datasets;

/// <summary>
/// The operations a point dataset draws its samples with. A dataset writes its sampler once against
/// this interface; the host implementation (<see cref="HostMath"/>, doubles) draws the real data
/// under plots and for `metrics`, and GanBench.Training's implementation draws training batches as
/// tensors on the trial's device. Random draws happen in the order the sampler calls them.
/// </summary>
/// <typeparam name="T">An array of rows: a vector [n] or a matrix [n, d].</typeparam>
public interface ISampleMath<T>
{
    /// <summary>[n] whole numbers, uniform in [0, bound).</summary>
    T Integers(int count, int bound);
    /// <summary>[n] uniform in [0, 1).</summary>
    T Uniform(int count);
    /// <summary>[n, columns] standard normal.</summary>
    T Normal(int count, int columns);
    /// <summary>A constant [k, d] table (mixture means).</summary>
    T Table(IReadOnlyList<double[]> rows);
    /// <summary>[n, d]: row <c>index[i]</c> of <paramref name="table"/> for each i.</summary>
    T Rows(T table, T index);
    /// <summary>[n, 2] from two [n] columns.</summary>
    T Columns(T first, T second);
    T Add(T a, T b);
    T Multiply(T a, T b);
    T Scale(T a, double factor);
    T Shift(T a, double offset);
    T Divide(T a, double divisor);
    T Cos(T a);
    T Sin(T a);
}
