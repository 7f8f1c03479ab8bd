using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vae.Reliability;

/// <summary>What a page did while it loaded: its errors, the requests it made, and its load time.</summary>
/// <param name="Errors">Uncaught exceptions, console.error calls and log entries of level error.</param>
/// <param name="Requests">The URL of every request the page made (the page itself included).</param>
/// <param name="LoadMilliseconds">From the start of navigation to the end of the load event (Navigation Timing).</param>
public sealed record PageLoad(IReadOnlyList<string> Errors, IReadOnlyList<string> Requests, double LoadMilliseconds)
{
    /// <summary>Requests for anything but the file itself and data: URIs: what would leave the file.</summary>
    public IReadOnlyList<string> External => Requests.Where(u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
}

/// <summary>
/// Debian's <c>chromium</c>, headless, driven over the DevTools protocol (a WebSocket from C#): load a page with the
/// Runtime, Log, Network and Page domains enabled, collect its errors and requests, time it, take a screenshot.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    readonly Process process;
    readonly ClientWebSocket socket = new();
    readonly string profile;
    readonly Dictionary<int, TaskCompletionSource<JsonNode>> pending = [];
    readonly List<JsonNode> events = [];
    readonly Lock gate = new();
    readonly CancellationTokenSource stop = new();
    Task? receiving;
    int nextId;

    HeadlessChromium(Process process, string profile) => (this.process, this.profile) = (process, profile);

    /// <summary>The chromium executable on PATH (chromium, chromium-browser, google-chrome), or $VAE_CHROMIUM; null when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("VAE_CHROMIUM") is { Length: > 0 } given) return File.Exists(given) ? given : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    /// <summary>Starts the browser with a window of <paramref name="width"/>×<paramref name="height"/> and connects to its first page.</summary>
    public static async Task<HeadlessChromium> Start(string executable, int width = 1280, int height = 900, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        string profile = Path.Combine(Path.GetTempPath(), "vae-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--remote-debugging-port=0", $"--user-data-dir={profile}", $"--window-size={width},{height}", "about:blank",
                 })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable}: could not start");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null).ContinueWith(_ => { });
            string endpoint = await DevToolsEndpoint(process, limit);
            var port = new Uri(endpoint).Port;
            using var http = new HttpClient { Timeout = limit };
            string pageSocket = "";
            for (var clock = Stopwatch.StartNew(); pageSocket.Length == 0; await Task.Delay(100))
            {
                var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
                pageSocket = targets.FirstOrDefault(t => (string?)t!["type"] == "page")?["webSocketDebuggerUrl"]?.GetValue<string>() ?? "";
                if (pageSocket.Length == 0 && clock.Elapsed > limit) throw new TimeoutException("chromium: no page target");
            }
            using (var connect = new CancellationTokenSource(limit)) await browser.socket.ConnectAsync(new Uri(pageSocket), connect.Token);
            browser.receiving = Task.Run(browser.Receive);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    // The line "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" chromium prints on standard error.
    static async Task<string> DevToolsEndpoint(Process process, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(cancel.Token) is string line)
        {
            const string marker = "DevTools listening on ";
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null).ContinueWith(_ => { });
                return line[(at + marker.Length)..].Trim();
            }
            seen.AppendLine(line);
        }
        throw new InvalidOperationException($"chromium exited before its DevTools endpoint was up:\n{seen}");
    }

    /// <summary>Navigates to <paramref name="file"/> and waits for its load event; the page's errors and requests until then and shortly after.</summary>
    public async Task<PageLoad> Load(string file, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        lock (gate) events.Clear();
        foreach (var domain in new[] { "Runtime", "Log", "Network", "Page" }) await Send(domain + ".enable");
        string url = new Uri(Path.GetFullPath(file)).AbsoluteUri;
        await Send("Page.navigate", new JsonObject { ["url"] = url });
        for (var clock = Stopwatch.StartNew(); !Seen("Page.loadEventFired"); await Task.Delay(20))
            if (clock.Elapsed > limit) throw new TimeoutException($"{url}: no load event in {limit.TotalSeconds} s");
        await Task.Delay(300);   // console messages logged during load arrive after the event
        var timing = await Evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0].toJSON())");
        double load = JsonNode.Parse(timing)!["loadEventEnd"]!.GetValue<double>();
        List<JsonNode> seen;
        lock (gate) seen = [.. events];
        var errors = new List<string>();
        var requests = new List<string>();
        foreach (var e in seen)
        {
            var p = e["params"];
            string? type = p?["type"]?.GetValue<string>(), level = p?["entry"]?["level"]?.GetValue<string>();
            switch (e["method"]?.GetValue<string>())
            {
                case "Runtime.exceptionThrown":
                    errors.Add("exception: " + (p?["exceptionDetails"]?["exception"]?["description"] ?? p?["exceptionDetails"]?["text"])?.ToString());
                    break;
                case "Runtime.consoleAPICalled" when type is "error" or "assert":
                    errors.Add("console." + p!["type"] + ": " + string.Join(" ", p["args"]!.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString())));
                    break;
                case "Log.entryAdded" when level == "error":
                    errors.Add("log: " + p!["entry"]!["text"] + " " + p["entry"]!["url"]);
                    break;
                case "Network.requestWillBeSent":
                    requests.Add((string)p!["request"]!["url"]!);
                    break;
            }
        }
        return new PageLoad(errors, requests, load);
    }

    /// <summary>A PNG of the page: the window, or (<paramref name="fullPage"/>) the whole page up to <paramref name="maxHeight"/> CSS pixels.</summary>
    public async Task<byte[]> Screenshot(bool fullPage = false, int maxHeight = 20000)
    {
        var parameters = new JsonObject { ["format"] = "png" };
        if (fullPage)
        {
            var metrics = await Send("Page.getLayoutMetrics");
            var size = metrics["cssContentSize"] ?? metrics["contentSize"];
            parameters["captureBeyondViewport"] = true;
            parameters["clip"] = new JsonObject
            {
                ["x"] = 0, ["y"] = 0, ["scale"] = 1,
                ["width"] = size!["width"]!.GetValue<double>(), ["height"] = Math.Min(maxHeight, size["height"]!.GetValue<double>()),
            };
        }
        var shot = await Send("Page.captureScreenshot", parameters);
        return Convert.FromBase64String((string)shot["data"]!);
    }

    /// <summary>The value of a JavaScript expression, as a string.</summary>
    public async Task<string> Evaluate(string expression)
    {
        var r = await Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        return r["result"]?["value"]?.ToString() ?? throw new InvalidOperationException($"{expression}: {r.ToJsonString()}");
    }

    bool Seen(string method)
    {
        lock (gate) return events.Any(e => (string?)e["method"] == method);
    }

    async Task<JsonNode> Send(string method, JsonObject? parameters = null)
    {
        var done = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (gate)
        {
            id = ++nextId;
            pending[id] = done;
        }
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, stop.Token);
        var reply = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return reply["result"] ?? new JsonObject();
    }

    async Task Receive()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open && !stop.IsCancellationRequested)
            {
                var r = await socket.ReceiveAsync(buffer, stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray())!;
                message.SetLength(0);
                lock (gate)
                {
                    if (node["id"] is { } id && pending.Remove(id.GetValue<int>(), out var waiting)) waiting.SetResult(node);
                    else if (node["method"] is not null) events.Add(node);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        lock (gate)
            foreach (var waiting in pending.Values) waiting.TrySetException(new InvalidOperationException("chromium: the DevTools connection closed"));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (receiving is not null) await receiving.ContinueWith(_ => { });
        socket.Dispose();
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        process.Dispose();
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        stop.Dispose();
    }
}

/// <summary>Whether a screenshot shows something: its distinct colours and the fraction of pixels that are not (near) white.</summary>
public static class ScreenshotCheck
{
    public static (int Colours, double NonWhite) Measure(byte[] png)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a PNG");
        var colours = new HashSet<uint>();
        long nonWhite = 0, total = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red < 240 || c.Green < 240 || c.Blue < 240) nonWhite++;
                total++;
            }
        return (colours.Count, total == 0 ? 0 : (double)nonWhite / total);
    }
}
