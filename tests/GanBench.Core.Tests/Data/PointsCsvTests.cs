using GanBench.Core.Data;

namespace GanBench.Core.Tests.Data;

public class PointsCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ganbench-points-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string text, string name = "s.csv")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_a_header_and_points()
    {
        var p = PointsCsv.Read(Write("x,y\n1,2\n-3.5,4e-1\n\n"));
        Assert.Equal(["x", "y"], p.Columns);
        Assert.Equal([1, 2, -3.5, 0.4], p.Values);
        Assert.Equal(2, p.Count);
    }

    [Theory]
    [InlineData("", null, "is empty")]
    [InlineData("x,y\n", null, "no points")]
    [InlineData("1,2\n3,4\n", 1, "looks like data")]
    [InlineData("x,y\n1,2\n3\n", 3, "has 1 value(s) but the header names 2")]
    [InlineData("x,y\n1,2\n3,abc\n", 3, "'abc' in column 'y' is not a number")]
    [InlineData("x,y\n1,NaN\n", 2, "not a finite number")]
    [InlineData("x,y\n1,2,3\n", 2, "has 3 value(s)")]
    [InlineData("x,y\n1;2\n", 2, "has 1 value(s)")]
    public void Broken_files_name_the_file_and_line(string text, int? line, string fragment)
    {
        var path = Write(text);
        var e = Assert.Throws<InputFileException>(() => PointsCsv.Read(path));
        Assert.Equal(line, e.Line);
        Assert.Contains(fragment, e.Message);
        Assert.StartsWith(path + (line is null ? ": error" : $":{line}"), e.Message);
    }

    [Fact]
    public void Missing_file_and_directory_are_reported_without_a_line()
    {
        Assert.Contains("file not found", Assert.Throws<InputFileException>(() => PointsCsv.Read(Path.Combine(_dir, "none.csv"))).Message);
        Assert.Contains("is a directory", Assert.Throws<InputFileException>(() => PointsCsv.Read(_dir)).Message);
    }
}
