using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GanBench.Core.Config.Yaml;

/// <summary>
/// A minimal YAML node tree built straight from parser events. We do not use YamlDotNet's
/// representation model because it expands aliases without a limit (the "billion laughs"
/// attack) and its duplicate-key handling is not under our control; here both are ours.
/// </summary>
internal abstract class YNode
{
    protected YNode(int line, int column) { Line = line; Column = column; }
    public int Line { get; }
    public int Column { get; }
    /// <summary>Node count with aliases expanded; drives the alias budget.</summary>
    public long Size { get; set; } = 1;
    public abstract string Describe();
}

internal sealed class YScalar(int line, int column, string value, bool isPlain) : YNode(line, column)
{
    public string Value { get; } = value;
    /// <summary>False for quoted scalars, block scalars and !!str: those are always strings.</summary>
    public bool IsPlain { get; } = isPlain;
    /// <summary>YAML core-schema null: an empty plain value, ~ or null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
    public override string Describe() => IsNull ? "an empty value" : IsPlain ? $"'{Value}'" : $"the quoted string '{Value}'";
}

internal sealed class YSequence(int line, int column) : YNode(line, column)
{
    public List<YNode> Items { get; } = [];
    public override string Describe() => "a list";
}

internal sealed class YMapping(int line, int column) : YNode(line, column)
{
    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = [];
    public override string Describe() => "a mapping";

    public YNode? Get(string key)
    {
        foreach (var e in Entries)
            if (e.Key.Value == key) return e.Value;
        return null;
    }

    public YScalar? KeyNode(string key)
    {
        foreach (var e in Entries)
            if (e.Key.Value == key) return e.Key;
        return null;
    }
}

/// <summary>Builds a <see cref="YNode"/> tree from YamlDotNet parser events, with limits.</summary>
internal static class YamlTreeBuilder
{
    /// <summary>Total nodes after alias expansion; a real experiment file has a few hundred.</summary>
    public const long MaxExpandedNodes = 100_000;
    /// <summary>Deeper nesting than any schema level needs only happens in hostile input.</summary>
    public const int MaxDepth = 64;

    private const string StrTag = "tag:yaml.org,2002:str";

    private sealed class Abort : Exception;

    private sealed class Frame(YNode node, string? anchor)
    {
        public YNode Node { get; } = node;
        public string? Anchor { get; } = anchor;
        public YScalar? PendingKey { get; set; }
        public bool PendingIsDuplicate { get; set; }
        public Dictionary<string, YScalar> Seen { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Returns the document's root node, or null when the stream holds no document or a problem
    /// stopped parsing. Problems go to <paramref name="error"/> as (line, column, message).
    /// </summary>
    public static YNode? Build(string text, Action<int, int, string> error) => new TreeBuilder(error).Run(text);

    /// <summary>The state of one build: anchors, the open collections, the expansion count.</summary>
    private sealed class TreeBuilder(Action<int, int, string> error)
    {
        private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<Frame> _stack = new();
        private YNode? _root;
        private long _total;
        private bool _aliased;
        private int _documents;

        public YNode? Run(string text)
        {
            var parser = new Parser(new StringReader(text));
            Mark last = Mark.Empty;
            try
            {
                while (parser.MoveNext())
                {
                    var ev = parser.Current!;
                    last = ev.End;
                    if (!On(ev)) return null;
                }
            }
            catch (Abort)
            {
                return null;
            }
            catch (YamlException ex)
            {
                error(L(ex.Start), C(ex.Start), "YAML syntax error: " + CleanMessage(ex.Message));
                return null;
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
            {
                // YamlDotNet's scanner throws plain exceptions on some malformed input (seen: an
                // unclosed flow list); the last event it produced is the best position we have.
                error(L(last), C(last), "YAML syntax error after this point; an unclosed '[', '{' or quote is the usual cause");
                return null;
            }
            return _root;
        }

        /// <summary>Handles one parser event; false stops the build without a tree.</summary>
        private bool On(ParsingEvent ev)
        {
            switch (ev)
            {
                case DocumentStart ds when !ds.IsImplicit || _documents > 0:
                    _documents++;
                    if (_documents > 1)
                    {
                        error(L(ev.Start), C(ev.Start), "only one YAML document is allowed per experiment file; remove the extra '---' section");
                        return false;
                    }
                    break;
                case DocumentStart:
                    _documents++;
                    break;
                case Scalar s:
                    OnScalar(s);
                    break;
                case AnchorAlias a:
                    OnAlias(a);
                    break;
                case MappingStart ms:
                    Push(new YMapping(L(ms.Start), C(ms.Start)), Anchor(ms), ms.Start);
                    break;
                case SequenceStart ss:
                    Push(new YSequence(L(ss.Start), C(ss.Start)), Anchor(ss), ss.Start);
                    break;
                case MappingEnd:
                case SequenceEnd:
                    var frame = _stack.Pop();
                    Register(frame.Anchor, frame.Node);
                    Add(frame.Node);
                    break;
            }
            return true;
        }

        private void OnScalar(Scalar s)
        {
            bool plain = s.Style == ScalarStyle.Plain && (s.Tag.IsEmpty || s.Tag.Value != StrTag);
            if (!s.Tag.IsEmpty && s.Tag.Value != StrTag && !s.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
                error(L(s.Start), C(s.Start), $"YAML tag '{s.Tag.Value}' is not supported; remove it");
            var node = new YScalar(L(s.Start), C(s.Start), s.Value, plain);
            _total++;
            CheckBudget(s.Start);
            Register(Anchor(s), node);
            Add(node);
        }

        private void OnAlias(AnchorAlias a)
        {
            if (!_anchors.TryGetValue(a.Value.Value, out var target))
            {
                error(L(a.Start), C(a.Start), $"alias '*{a.Value.Value}' refers to an anchor that is not defined before it");
                throw new Abort();
            }
            _total += target.Size;
            _aliased = true;
            CheckBudget(a.Start);
            // Shared by reference: the tree is read-only, so the expansion is only counted.
            Add(target);
        }

        private void Add(YNode node)
        {
            if (_stack.Count == 0) { _root = node; return; }
            var parent = _stack.Peek();
            parent.Node.Size += node.Size;
            if (parent.Node is YSequence seq) { seq.Items.Add(node); return; }
            var map = (YMapping)parent.Node;
            if (parent.PendingKey is null)
            {
                AddKey(parent, node);
                return;
            }
            if (!parent.PendingIsDuplicate) map.Entries.Add(new(parent.PendingKey, node));
            parent.PendingKey = null;
        }

        private void AddKey(Frame parent, YNode node)
        {
            if (node is not YScalar key)
            {
                error(node.Line, node.Column, "mapping keys must be plain names, not lists or mappings");
                throw new Abort();
            }
            if (parent.Seen.TryGetValue(key.Value, out var first))
            {
                error(key.Line, key.Column, $"duplicate key '{key.Value}' (first defined at line {first.Line}, column {first.Column}); remove one of them");
                parent.PendingIsDuplicate = true;
            }
            else
            {
                parent.Seen[key.Value] = key;
                parent.PendingIsDuplicate = false;
            }
            parent.PendingKey = key;
        }

        private void CheckBudget(Mark at)
        {
            if (_total <= MaxExpandedNodes) return;
            // Only aliases make a small file expand; a long plain file is just too long.
            error(L(at), C(at), _aliased
                ? $"alias expansion exceeds {MaxExpandedNodes} values; this looks like an alias bomb (\"billion laughs\"); write the values out instead of nesting aliases"
                : $"the file holds more than {MaxExpandedNodes} values by this point; an experiment needs a few hundred at most, so shorten the lists (seeds, sweep values)");
            throw new Abort();
        }

        private static string? Anchor(NodeEvent e) => e.Anchor.IsEmpty ? null : e.Anchor.Value;

        private void Register(string? anchor, YNode node)
        {
            if (anchor is not null) _anchors[anchor] = node;
        }

        private void Push(YNode node, string? anchor, Mark at)
        {
            if (_stack.Count >= MaxDepth)
            {
                error(L(at), C(at), $"nesting is deeper than {MaxDepth} levels; an experiment file never needs that");
                throw new Abort();
            }
            _total++;
            CheckBudget(at);
            _stack.Push(new Frame(node, anchor));
        }
    }

    private static int L(Mark m) => (int)Math.Max(1, m.Line);
    private static int C(Mark m) => (int)Math.Max(1, m.Column);

    /// <summary>YamlDotNet prefixes messages with "(Line: .., Col: ..) - (..): "; we print our own position.</summary>
    private static string CleanMessage(string message)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message, @"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): (.*)$", System.Text.RegularExpressions.RegexOptions.Singleline);
        var text = m.Success ? m.Groups[1].Value : message;
        return text.Trim().TrimEnd('.');
    }
}
