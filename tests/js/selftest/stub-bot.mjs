// A stand-in bot for checking the test harness itself (selftest.mjs), no SDK: speaks the Bot Framework
// activity protocol on POST /api/messages (port BOT_PORT, default 3978), answers through the
// serviceUrl the Playground gives. It behaves the way playground-scenario.mjs expects KinerjaBot to:
//   conversationUpdate with membersAdded -> welcome card mentioning "KinerjaBot";
//   "bantuan" -> help card; "kartu" -> card with Input.Text + Action.Execute(verb "simpan");
//   invoke adaptiveCard/action -> the card is replaced by "Tersimpan: <komentar>"; other text -> "echo: <text>";
//   POST /proactive {"text"} -> a message to the last conversation outside a turn.
import http from "node:http";

const PORT = Number(process.env.BOT_PORT || 3978);
let last = null;

const card = (body, actions = []) => ({ type: "AdaptiveCard", version: "1.5", body, actions });
const attachment = (content) => ({ contentType: "application/vnd.microsoft.card.adaptive", content });
const welcome = card([{ type: "TextBlock", text: "Selamat datang di KinerjaBot", weight: "Bolder", wrap: true },
  { type: "TextBlock", text: "Ketik bantuan untuk melihat perintah.", wrap: true }]);
const help = card([{ type: "TextBlock", text: "Bantuan KinerjaBot", weight: "Bolder" },
  { type: "FactSet", facts: [{ title: "kartu", value: "kartu isian" }, { title: "bantuan", value: "daftar perintah" }] }]);
const form = card([{ type: "Input.Text", id: "komentar", label: "Komentar", placeholder: "tulis sesuatu" }],
  [{ type: "Action.Execute", title: "Simpan", verb: "simpan", data: { dari: "kartu" } }]);

async function send(serviceUrl, conversationId, activity) {
  const url = `${serviceUrl.replace(/\/+$/, "")}/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  console.log(`-> ${url} ${r.status}`);
}

async function onActivity(a, res) {
  console.log(`<- ${a.type}${a.name ? "/" + a.name : ""} ${JSON.stringify(a.text ?? "")}`);
  last = { serviceUrl: a.serviceUrl, conversation: a.conversation, bot: a.recipient, user: a.from };
  if (a.type === "invoke" && a.name === "adaptiveCard/action") {
    const done = card([{ type: "TextBlock", text: `Tersimpan: ${a.value?.action?.data?.komentar ?? ""}`, weight: "Bolder" }]);
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: done }));
  }
  res.writeHead(a.type === "invoke" ? 501 : 200).end();
  const reply = (x) => send(a.serviceUrl, a.conversation.id,
    { type: "message", from: a.recipient, recipient: a.from, conversation: a.conversation, replyToId: a.id, ...x });
  if (a.type === "conversationUpdate" && a.membersAdded?.length) return reply({ attachments: [attachment(welcome)] });
  if (a.type !== "message") return;
  const text = (a.text || "").trim().toLowerCase();
  if (text === "bantuan") return reply({ attachments: [attachment(help)] });
  if (text === "kartu") return reply({ attachments: [attachment(form)] });
  return reply({ text: `echo: ${a.text}` });
}

http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", async () => {
    try {
      if (req.method === "POST" && req.url === "/api/messages") return await onActivity(JSON.parse(body), res);
      if (req.method === "POST" && req.url === "/proactive") {
        if (!last) return res.writeHead(409).end("no conversation yet");
        await send(last.serviceUrl, last.conversation.id,
          { type: "message", from: last.bot, recipient: last.user, conversation: last.conversation, text: JSON.parse(body || "{}").text });
        return res.writeHead(200).end("sent");
      }
      res.writeHead(404).end();
    } catch (e) {
      console.error(e);
      if (!res.headersSent) res.writeHead(500).end(String(e));
    }
  });
}).listen(PORT, "127.0.0.1", () => console.log(`stub bot on http://127.0.0.1:${PORT}/api/messages`));
