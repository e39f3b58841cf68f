using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using KinerjaBot.Features;

namespace KinerjaBot.Tests.Reliability;

/// <summary>One request the fuzzer sends to <c>/api/messages</c>.</summary>
public sealed record FuzzCase(int Index, string Kind, byte[] Body, string? ContentType)
{
    public override string ToString() => $"#{Index} {Kind}: {Preview}";

    public string Preview => Body.Length > 300 ? Encoding.UTF8.GetString(Body, 0, 300) + $"… ({Body.Length} bytes)" : Encoding.UTF8.GetString(Body);
}

/// <summary>Ids of real records, so hostile card data can point at other people's things.</summary>
public sealed record FuzzTargets(IReadOnlyList<int> EntryIds, IReadOnlyList<int> EmployeeIds, IReadOnlyList<int> IndicatorIds,
    IReadOnlyList<int> RequestIds, IReadOnlyList<int> AppraisalIds);

/// <summary>
/// Generates malformed, truncated, oversized, wrongly typed and hostile activities from a seed. All cases
/// are generated before any is sent, so the same seed always yields the same requests.
/// </summary>
public sealed class ActivityFuzzer(int seed, Func<JsonObject> message, Func<JsonObject> invoke, FuzzTargets targets)
{
    /// <summary>Over <c>BotEndpoint.MaxBodyBytes</c> (512 KiB).</summary>
    private const int Oversized = 600 * 1024;

    private static readonly string[] VerbsInUse = typeof(Verbs).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    private static readonly string[] DataKeys =
    [
        "entryId", "version", "indicatorId", "value", "note", "date", "evidence", "reviewNote", "requestId", "appraisalId",
        "employeeId", "period", "from", "part", "rule", "occurrence", "answer", "behaviour", "dueDate", "orgResult", "question",
        "raterNote", "reason", "recipientId", "subject", "summary", "feedbackText", "workResult", "approverId", "aadObjectId", "nip",
    ];

    public static readonly string[] HostileTexts =
    [
        "'; DROP TABLE employees;--", "<script>alert(1)</script>", "[x](javascript:alert(1))", "<at>Rina</at> @everyone", "${$root.secret}",
        "{{DATE(2026-11-23T00:00:00Z)}}", "\0", "\u202E\u0644\u200B", "😀🇮🇩", "lapor 3 dari 5 laporan pengaduan", "lapor -1 dokumen", "ya", "tidak", "batal",
        "status", "help", "bantuan", "pengingat", "umpan balik", "penilaian", "lapor 1e308 dokumen", "lapor 99999999999999999999999 laporan",
        "lapor NaN laporan", "lapor 3,5,6 laporan", "1", "0", "-1", "999999", "", "   ", "\r\n\t", "%s%n%x", "../../etc/passwd", "Robert'); --",
        "SELECT * FROM progress_entries", "\ud800", "lapor 3 laporan pengaduan tanggal 31-02-2026", "lapor 3 laporan kemarin", "2026-13-45",
    ];

    private static readonly string[] ActivityTypeNames =
    [
        "message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction", "messageUpdate", "messageDelete", "typing",
        "event", "endOfConversation", "trace", "handoff", "delay", "unknownType", "MESSAGE", " message", "",
    ];

    private static readonly string[] InvokeNames =
    [
        "adaptiveCard/action", "adaptiveCard/action", "adaptiveCard/action", "task/fetch", "task/submit", "composeExtension/query",
        "signin/verifyState", "actionableMessage/executeAction", "fileConsent/invoke", "", "ADAPTIVECARD/ACTION",
    ];

    private readonly Random _random = new(seed);

    public IReadOnlyList<FuzzCase> Generate(int count) => Enumerable.Range(0, count).Select(Next).ToList();

    private FuzzCase Next(int index)
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 4 => Raw(index),
            < 8 => Truncated(index),
            < 9 => OversizedCase(index),
            < 12 => BadContentType(index),
            < 25 => WronglyTyped(index, message()),
            < 35 => WronglyTyped(index, invoke()),
            < 45 => UnknownType(index),
            < 85 => HostileInvoke(index),
            _ => HostileMessage(index),
        };
    }

    private static FuzzCase Json(int index, string kind, JsonNode? node, string? contentType = "application/json") =>
        new(index, kind, Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"), contentType);

    private FuzzCase Raw(int index)
    {
        byte[] body = _random.Next(10) switch
        {
            0 => [],
            1 => "   \n\t "u8.ToArray(),
            2 => RandomBytes(_random.Next(1, 2000)),
            3 => Encoding.UTF8.GetBytes(Pick(["null", "[]", "123", "\"message\"", "true", "{}", "{\"type\":null}", "{\"type\":5}", "[{\"type\":\"message\"}]"])),
            4 => Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
            5 => Encoding.UTF8.GetBytes("{\"type\":\"message\",\"type\":\"invoke\",\"text\":\"x\",\"text\":\"y\"}"),
            6 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(message().ToJsonString())],
            7 => [.. Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")],
            8 => Encoding.UTF8.GetBytes(DuplicateDataKeys()),
            _ => Encoding.Unicode.GetBytes(message().ToJsonString()),
        };
        return new FuzzCase(index, "raw", body, "application/json");
    }

    /// <summary>An invoke whose card data names the same field twice (JsonObject refuses duplicates lazily).</summary>
    private string DuplicateDataKeys()
    {
        var text = invoke().ToJsonString();
        var id = Pick(targets.EntryIds);
        return text.Replace("\"data\":{", $"\"data\":{{\"entryId\":{id},\"entryId\":{id},\"version\":1,\"version\":2,", StringComparison.Ordinal);
    }

    private FuzzCase Truncated(int index)
    {
        var full = Encoding.UTF8.GetBytes((_random.Next(2) == 0 ? message() : HostileInvokeNode()).ToJsonString());
        return new FuzzCase(index, "truncated", full[.._random.Next(0, full.Length)], "application/json");
    }

    private FuzzCase OversizedCase(int index)
    {
        var node = _random.Next(2) == 0 ? message() : invoke();
        if (node["type"]!.GetValue<string>() == "message")
        {
            node["text"] = new string('a', Oversized);
        }
        else
        {
            node["value"]!["action"]!["data"]!["note"] = new string('b', Oversized);
        }

        return Json(index, "oversized", node);
    }

    private FuzzCase BadContentType(int index)
    {
        var contentType = Pick<string?>([null, "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
            "application/json; charset=utf-16", "*/*", "application/json; charset=nonsense"]);
        var body = _random.Next(3) == 0 ? "type=message&text=hello" : message().ToJsonString();
        return new FuzzCase(index, "content-type " + (contentType ?? "(none)"), Encoding.UTF8.GetBytes(body), contentType);
    }

    /// <summary>A valid activity with a few fields, anywhere in the tree, replaced by values of the wrong kind.</summary>
    private FuzzCase WronglyTyped(int index, JsonObject node)
    {
        var mutations = _random.Next(1, 4);
        for (var i = 0; i < mutations; i++)
        {
            Mutate(node);
        }

        return Json(index, "wrongly typed", node);
    }

    private void Mutate(JsonObject root)
    {
        var container = PickContainer(root);
        switch (container)
        {
            case JsonObject o when o.Count > 0 && _random.Next(4) > 0:
                var key = o.ElementAt(_random.Next(o.Count)).Key;
                if (_random.Next(5) == 0)
                {
                    o.Remove(key);
                }
                else
                {
                    o[key] = RandomValue(2);
                }

                break;
            case JsonObject o:
                o[Pick(DataKeys)] = RandomValue(2);
                break;
            case JsonArray a when a.Count > 0:
                a[_random.Next(a.Count)] = RandomValue(2);
                break;
            case JsonArray a:
                a.Add(RandomValue(2));
                break;
        }
    }

    private JsonNode PickContainer(JsonObject root)
    {
        JsonNode current = root;
        while (_random.Next(3) > 0)
        {
            var children = current switch
            {
                JsonObject o => o.Select(p => p.Value).Where(v => v is JsonObject or JsonArray).ToList(),
                JsonArray a => a.Where(v => v is JsonObject or JsonArray).ToList(),
                _ => [],
            };
            if (children.Count == 0)
            {
                break;
            }

            current = children[_random.Next(children.Count)]!;
        }

        return current;
    }

    private FuzzCase UnknownType(int index)
    {
        var node = message();
        node["type"] = Pick(ActivityTypeNames);
        if (_random.Next(2) == 0)
        {
            node["action"] = Pick<JsonNode?>(["add", "remove", "add-upgrade", 7, null, new JsonArray()]);
        }

        if (_random.Next(3) == 0)
        {
            node["membersAdded"] = new JsonArray(new JsonObject { ["id"] = node["recipient"]!["id"]!.DeepClone() }, RandomValue(1));
        }

        if (_random.Next(3) == 0)
        {
            node["membersRemoved"] = RandomValue(2);
        }

        return Json(index, "activity type " + node["type"], node);
    }

    private JsonObject HostileInvokeNode()
    {
        var node = invoke();
        node["name"] = Pick(InvokeNames);
        var value = node["value"]!.AsObject();
        switch (_random.Next(12))
        {
            case 0:
                node["value"] = RandomValue(2);
                return node;
            case 1:
                value.Remove("action");
                return node;
            case 2:
                value["action"] = RandomValue(1);
                return node;
        }

        var action = value["action"]!.AsObject();
        action["verb"] = _random.Next(8) switch
        {
            0 => RandomValue(1),
            1 => Pick(["progress.nuke", "admin.reset", "", " progress.approve", "PROGRESS.APPROVE", "progress.approve\0", "refresh"]),
            _ => Pick(VerbsInUse),
        };
        if (_random.Next(15) == 0)
        {
            action["type"] = Pick<JsonNode?>(["Action.Submit", "Action.OpenUrl", null, 1]);
        }

        action["data"] = _random.Next(8) == 0 ? RandomValue(2) : HostileData();
        return node;
    }

    private FuzzCase HostileInvoke(int index)
    {
        var node = HostileInvokeNode();
        var verb = node["value"] is JsonObject { } v && v["action"] is JsonObject a && a["verb"] is JsonValue verbValue && verbValue.TryGetValue(out string? s) ? s : "?";
        return Json(index, $"invoke {node["name"]} {verb}", node);
    }

    private JsonObject HostileData()
    {
        var data = new JsonObject();
        var keys = _random.Next(0, 7);
        for (var i = 0; i < keys; i++)
        {
            var key = Pick(DataKeys);
            data[key] = key switch
            {
                "entryId" when _random.Next(3) > 0 => Id(targets.EntryIds),
                "employeeId" or "recipientId" or "approverId" when _random.Next(3) > 0 => Id(targets.EmployeeIds),
                "indicatorId" when _random.Next(3) > 0 => Id(targets.IndicatorIds),
                "requestId" when _random.Next(3) > 0 => Id(targets.RequestIds),
                "appraisalId" when _random.Next(3) > 0 => Id(targets.AppraisalIds),
                "version" when _random.Next(2) > 0 => _random.Next(-1, 6),
                _ => RandomValue(1),
            };
        }

        return data;
    }

    /// <summary>A real id, as a number or a string (cards send both).</summary>
    private JsonValue Id(IReadOnlyList<int> ids)
    {
        var id = ids.Count == 0 ? 1 : Pick(ids);
        return _random.Next(3) == 0 ? JsonValue.Create(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(id);
    }

    private FuzzCase HostileMessage(int index)
    {
        var node = message();
        node["text"] = _random.Next(4) == 0 ? RandomString() : Pick(HostileTexts) + (_random.Next(3) == 0 ? " " + Pick(HostileTexts) : "");
        if (_random.Next(4) == 0)
        {
            node["value"] = HostileData();
        }

        if (_random.Next(5) == 0)
        {
            node["entities"] = new JsonArray(
                new JsonObject { ["type"] = "mention", ["text"] = RandomValue(0), ["mentioned"] = RandomValue(1) },
                new JsonObject { ["type"] = "clientInfo", ["locale"] = RandomValue(0), ["timezone"] = RandomValue(0) },
                RandomValue(1));
        }

        if (_random.Next(5) == 0)
        {
            node["locale"] = RandomValue(0);
        }

        if (_random.Next(5) == 0)
        {
            node["localTimezone"] = Pick<JsonNode?>(["Mars/Olympus_Mons", "", "UTC", "Asia/Makassar", "Asia/Jayapura", "../../etc/localtime", new string('Z', 5000)]);
        }

        if (_random.Next(6) == 0)
        {
            node["conversation"]!["conversationType"] = Pick<JsonNode?>(["groupChat", "channel", "personal", "", null]);
        }

        if (_random.Next(6) == 0)
        {
            node["from"]!["aadObjectId"] = Pick<JsonNode?>([null, "", "not-a-guid", Guid.Empty.ToString(), new string('9', 3000)]);
        }

        if (_random.Next(10) == 0)
        {
            node["serviceUrl"] = Pick<JsonNode?>(["http://evil.example/", "not a url", "", "ftp://x/", "https://smba.trafficmanager.net/amer/"]);
        }

        return Json(index, "message", node);
    }

    private JsonNode? RandomValue(int depth)
    {
        var roll = _random.Next(depth > 0 ? 14 : 11);
        return roll switch
        {
            0 => null,
            1 => _random.Next(2) == 0,
            2 => Pick<int>([0, -1, 1, int.MaxValue, int.MinValue, 2, 3]),
            3 => Pick<long>([long.MaxValue, long.MinValue, 4_294_967_296]),
            4 => Pick<double>([1e308, -1e-308, 3.5, 0.1, 2.5e10]),
            5 => JsonNode.Parse(Pick(["1e400", "-0", "12345678901234567890123456789"])),
            6 => Pick(HostileTexts),
            7 => RandomString(),
            8 => _random.Next(20) == 0 ? new string('x', 100_000) : new string('9', _random.Next(1, 40)),
            9 => Pick(["2026-11-23", "2026-02-30", "0001-01-01", "9999-12-31T23:59:59Z", "23/11/2026", "P1D", "1", "Submitted", "Approved", "Baik", "Integritas"]),
            10 => Pick(VerbsInUse),
            11 => new JsonArray(RandomValue(depth - 1), RandomValue(depth - 1)),
            12 => new JsonObject { [Pick(DataKeys)] = RandomValue(depth - 1), ["type"] = RandomValue(depth - 1) },
            _ => new JsonArray(),
        };
    }

    private string RandomString()
    {
        var length = _random.Next(0, 200);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(_random.Next(6) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0x80, 0x2FFF),
                2 => (char)_random.Next(0xD800, 0xDFFF), // lone surrogates
                _ => (char)_random.Next(32, 127),
            });
        }

        return builder.ToString();
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
