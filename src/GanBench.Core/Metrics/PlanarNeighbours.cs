namespace GanBench.Core.Metrics;

/// <summary>
/// The k nearest points of a 2-D cloud to each query point, through a uniform grid: a query visits
/// rings of cells around its own until no unvisited cell can hold a closer point, so it reads a few
/// dozen points instead of all of them. The answer is exactly the all-pairs scan's: the k smallest
/// (squared distance, index) pairs, ties going to the lower index, in that order.
/// </summary>
internal sealed class PlanarNeighbours
{
    private const double PointsPerCell = 2;
    private readonly double[] _px, _py;
    private readonly double _x0, _y0, _cellW, _cellH;
    private readonly int _columns, _rows;
    /// <summary>Points of cell c are _cellPoints[_cellStart[c] .. _cellStart[c + 1]), in ascending index order.</summary>
    private readonly int[] _cellStart, _cellPoints;
    /// <summary>Below any rounding in the cell arithmetic, far above nothing: the stop test keeps searching by this much more.</summary>
    private readonly double _slack;

    public PlanarNeighbours(double[] px, double[] py)
    {
        _px = px;
        _py = py;
        int count = px.Length;
        double x1 = double.NegativeInfinity, y1 = double.NegativeInfinity;
        _x0 = double.PositiveInfinity;
        _y0 = double.PositiveInfinity;
        for (int p = 0; p < count; p++)
        {
            _x0 = Math.Min(_x0, px[p]); x1 = Math.Max(x1, px[p]);
            _y0 = Math.Min(_y0, py[p]); y1 = Math.Max(y1, py[p]);
        }
        int side = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(count / PointsPerCell)));
        _columns = x1 > _x0 ? side : 1;
        _rows = y1 > _y0 ? side : 1;
        _cellW = x1 > _x0 ? (x1 - _x0) / _columns : 1;
        _cellH = y1 > _y0 ? (y1 - _y0) / _rows : 1;
        _slack = 1e-9 * (Math.Abs(x1 - _x0) + Math.Abs(y1 - _y0) + Math.Abs(_x0) + Math.Abs(_y0) + 1);

        var cellOf = new int[count];
        _cellStart = new int[_columns * _rows + 1];
        for (int p = 0; p < count; p++)
        {
            cellOf[p] = Column(px[p]) + _columns * Row(py[p]);
            _cellStart[cellOf[p] + 1]++;
        }
        for (int c = 0; c < _columns * _rows; c++) _cellStart[c + 1] += _cellStart[c];
        _cellPoints = new int[count];
        var fill = (int[])_cellStart.Clone();
        for (int p = 0; p < count; p++) _cellPoints[fill[cellOf[p]]++] = p;
    }

    private int Column(double x) => Math.Clamp((int)Math.Floor((x - _x0) / _cellW), 0, _columns - 1);
    private int Row(double y) => Math.Clamp((int)Math.Floor((y - _y0) / _cellH), 0, _rows - 1);

    /// <summary>Indices of the k nearest points to (x, y) into <paramref name="indices"/> (k = its length, at most the cloud's size).</summary>
    public void Nearest(double x, double y, Span<int> indices, Span<double> distances)
    {
        int k = indices.Length, found = 0;
        int cx = Column(x), cy = Row(y);
        for (int r = 0; ; r++)
        {
            for (int iy = Math.Max(0, cy - r); iy <= Math.Min(_rows - 1, cy + r); iy++)
            {
                if (iy == cy - r || iy == cy + r)
                    for (int ix = Math.Max(0, cx - r); ix <= Math.Min(_columns - 1, cx + r); ix++)
                        Visit(ix + _columns * iy, x, y, indices, distances, ref found);
                else
                {
                    // Rows inside the ring were visited up to its last two columns.
                    if (cx - r >= 0) Visit(cx - r + _columns * iy, x, y, indices, distances, ref found);
                    if (r > 0 && cx + r < _columns) Visit(cx + r + _columns * iy, x, y, indices, distances, ref found);
                }
            }
            bool all = cx - r <= 0 && cy - r <= 0 && cx + r >= _columns - 1 && cy + r >= _rows - 1;
            if (all) return;
            if (found == k)
            {
                double reach = UnvisitedReach(x, y, cx, cy, r) - _slack;
                if (reach > 0 && reach * reach > distances[k - 1]) return;
            }
        }
    }

    private void Visit(int cell, double x, double y, Span<int> indices, Span<double> distances, ref int found)
    {
        for (int t = _cellStart[cell]; t < _cellStart[cell + 1]; t++)
        {
            int p = _cellPoints[t];
            double dx = x - _px[p], dy = y - _py[p];
            Offer(indices, distances, ref found, p, dx * dx + dy * dy);
        }
    }

    /// <summary>
    /// A lower bound on the distance from (x, y) to any point in a cell outside ring r: the distance
    /// to the nearest of the grid's strips beyond the visited box (left, right, below, above).
    /// </summary>
    private double UnvisitedReach(double x, double y, int cx, int cy, int r)
    {
        double gx1 = _x0 + _columns * _cellW, gy1 = _y0 + _rows * _cellH;
        double vx0 = _x0 + Math.Max(0, cx - r) * _cellW, vx1 = _x0 + (Math.Min(_columns - 1, cx + r) + 1) * _cellW;
        double vy0 = _y0 + Math.Max(0, cy - r) * _cellH, vy1 = _y0 + (Math.Min(_rows - 1, cy + r) + 1) * _cellH;
        double reach = double.PositiveInfinity;
        if (cx - r > 0) reach = Math.Min(reach, ToRectangle(x, y, _x0, vx0, _y0, gy1));
        if (cx + r < _columns - 1) reach = Math.Min(reach, ToRectangle(x, y, vx1, gx1, _y0, gy1));
        if (cy - r > 0) reach = Math.Min(reach, ToRectangle(x, y, _x0, gx1, _y0, vy0));
        if (cy + r < _rows - 1) reach = Math.Min(reach, ToRectangle(x, y, _x0, gx1, vy1, gy1));
        return reach;
    }

    private static double ToRectangle(double x, double y, double left, double right, double bottom, double top)
    {
        double dx = Math.Max(Math.Max(left - x, 0), x - right);
        double dy = Math.Max(Math.Max(bottom - y, 0), y - top);
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>Keeps the k smallest (squared distance, index) pairs seen so far, sorted.</summary>
    private static void Offer(Span<int> indices, Span<double> values, ref int count, int index, double value)
    {
        int capacity = indices.Length;
        if (count == capacity && (value > values[capacity - 1] || (value == values[capacity - 1] && index > indices[capacity - 1]))) return;
        int pos = count < capacity ? count++ : capacity - 1;
        while (pos > 0 && (values[pos - 1] > value || (values[pos - 1] == value && indices[pos - 1] > index)))
        {
            values[pos] = values[pos - 1];
            indices[pos] = indices[pos - 1];
            pos--;
        }
        values[pos] = value;
        indices[pos] = index;
    }
}
