// Answers each JSON-RPC line read from stdin with an empty result for the same id: the least a
// program started over stdio can do.
while (Console.ReadLine() is { } line)
{
    var at = line.IndexOf("\"id\":", StringComparison.Ordinal);
    if (at < 0)
    {
        continue;
    }
    var id = new string(line[(at + 5)..].TakeWhile(char.IsAsciiDigit).ToArray());
    Console.WriteLine("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}");
}
