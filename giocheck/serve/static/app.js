// The check page: send the file to /api/view, show the verdict, the findings and the grids.
// Plain JavaScript, no library, nothing fetched from outside this service.
"use strict";

const form = document.getElementById("upload");
const input = document.getElementById("file");
const drop = document.getElementById("drop");
const statusLine = document.getElementById("status");
const SEVERITY = { error: "错误", warning: "警告", info: "提示" };
const SUFFIX = { json: "json", sarif: "sarif", junit: "xml", html: "html", xlsx: "xlsx", csv: "csv" };
let chosen = null;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function say(text, isError) {
  statusLine.textContent = text;
  statusLine.className = isError ? "error" : "";
}

function formData(file) {
  const data = new FormData(form);
  data.set("file", file, file.name);
  const previous = form.elements.previous.files[0];
  if (!previous) data.delete("previous");
  return data;
}

async function errorLine(response) {
  try {
    const body = await response.json();
    return `${body.error}（请求编号 ${body.request_id}）`;
  } catch (ignored) {
    return `服务器返回 ${response.status}`;
  }
}

async function check(file) {
  chosen = file;
  document.getElementById("result").hidden = true;
  say(`正在检查 ${file.name} …`, false);
  let response;
  try {
    response = await fetch("/api/view", { method: "POST", body: formData(file) });
  } catch (failure) {
    say("无法连接检查服务，请确认服务仍在运行", true);
    return;
  }
  if (!response.ok) {
    say(await errorLine(response), true);
    return;
  }
  const view = await response.json();
  say("", false);
  show(view);
}

function verdict(summary, entry) {
  const box = document.getElementById("verdict");
  const who = [entry.agency, entry.year ? `${entry.year} 年度` : null, entry.format ? `${entry.format} 版格式` : null]
    .filter(Boolean).join(" · ");
  let kind = "clean";
  let words = "✓ 无错误";
  if (summary.unreadable) { kind = "unreadable"; words = "✗ 未能完整读取"; }
  else if (summary.with_errors) { kind = "errors"; words = "✗ 有错误"; }
  box.className = kind;
  box.replaceChildren(
    element("strong", "", words),
    element("span", "", `　错误 ${summary.errors} 条，警告 ${summary.warnings} 条，无法判断 ${summary.not_assessable} 条`),
    element("div", "", `${entry.path}　${who}`),
  );
  if (entry.error) box.append(element("div", "", entry.error));
  for (const problem of entry.problems) box.append(element("div", "", problem));
}

function suggestionText(item) {
  if (item === null || typeof item !== "object") return String(item);
  for (const key of ["message_zh", "message", "text", "description"]) {
    if (typeof item[key] === "string") return item[key];
  }
  return Object.entries(item).map(([key, value]) => `${key}: ${typeof value === "object" ? JSON.stringify(value) : value}`).join("，");
}

function where(location) {
  if (!location) return "";
  const parts = [];
  if (location.page) parts.push(`第 ${location.page} 页`);
  if (location.line) parts.push(`第 ${location.line} 行`);
  if (location.table) parts.push(`第 ${location.table} 个表格`);
  if (location.row) parts.push(`第 ${location.row} 行`);
  if (location.column) parts.push(`第 ${location.column} 列`);
  return parts.join(" ");
}

function findingsList(findings, rules) {
  const list = document.getElementById("findings");
  list.replaceChildren();
  if (findings.length === 0) list.append(element("li", "", "没有发现问题。"));
  for (const finding of findings) {
    const item = element("li", finding.severity);
    const head = element("div");
    head.append(element("span", `badge ${finding.severity}`, SEVERITY[finding.severity] || finding.severity));
    head.append(element("span", "rule", `${finding.rule}　${finding.name}`));
    item.append(head, element("div", "message", finding.message));
    const rule = rules[finding.rule];
    const basis = finding.basis || (rule && rule.basis_zh);
    if (basis) item.append(element("div", "basis", `依据：${typeof basis === "string" ? basis : suggestionText(basis)}`));
    if (finding.location) item.append(element("div", "where", `位置：${where(finding.location)}`));
    const suggestions = finding.suggestions;
    if (suggestions && (!Array.isArray(suggestions) || suggestions.length)) {
      const box = element("div", "suggestions", "可能出错之处：");
      const items = element("ul");
      for (const one of Array.isArray(suggestions) ? suggestions : [suggestions]) items.append(element("li", "", suggestionText(one)));
      box.append(items);
      item.append(box);
    }
    list.append(item);
  }
}

function failingCells(findings) {
  const rank = { error: 3, warning: 2, info: 1 };
  const cells = new Map();
  for (const finding of findings) {
    const severity = finding.status === "fail" ? finding.severity : "info";
    for (const cell of finding.cells || []) {
      const before = cells.get(cell.ref);
      if (!before || rank[severity] > rank[before.severity]) cells.set(cell.ref, { severity, rules: [] });
      cells.get(cell.ref).rules.push(finding.rule);
    }
  }
  return cells;
}

function gridTables(grids, findings) {
  const holder = document.getElementById("grids");
  holder.replaceChildren();
  const failing = failingCells(findings);
  for (const grid of grids) {
    holder.append(element("h3", "", grid.title));
    const table = element("table", "grid");
    table.dataset.table = grid.key;
    for (const row of grid.rows) {
      const line = element("tr");
      for (const cell of row) {
        const node = element(cell.header ? "th" : "td", cell.ref ? "value" : "", cell.text);
        if (cell.rows > 1) node.rowSpan = cell.rows;
        if (cell.columns > 1) node.colSpan = cell.columns;
        if (cell.ref) {
          node.dataset.ref = cell.ref;
          const mark = failing.get(cell.ref);
          if (mark) {
            node.classList.add(`fail-${mark.severity}`);
            node.title = mark.rules.join("、");
          }
        }
        line.append(node);
      }
      table.append(line);
    }
    holder.append(table);
  }
}

function downloads(formats) {
  const box = document.getElementById("downloads");
  box.replaceChildren(element("span", "", "下载结果："));
  for (const format of formats) {
    const button = element("button", "", format.toUpperCase());
    button.type = "button";
    button.dataset.format = format;
    button.addEventListener("click", () => download(format));
    box.append(button);
  }
}

async function download(format) {
  if (!chosen) return;
  say(`正在生成 ${format.toUpperCase()} …`, false);
  const response = await fetch(`/api/check/${encodeURIComponent(format)}`, { method: "POST", body: formData(chosen) });
  if (!response.ok) {
    say(await errorLine(response), true);
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = element("a");
  link.href = url;
  link.download = `${chosen.name.replace(/\.[^.]*$/, "")}-giocheck.${SUFFIX[format] || "txt"}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  say("", false);
}

function show(view) {
  const entry = view.check.files[0];
  verdict(view.check.summary, entry);
  findingsList(entry.findings, view.rules);
  gridTables(view.grids, entry.findings);
  downloads(view.downloads);
  document.getElementById("result").hidden = false;
}

input.addEventListener("change", () => { if (input.files[0]) check(input.files[0]); });
for (const name of ["dragenter", "dragover"]) {
  drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add("over"); });
}
for (const name of ["dragleave", "drop"]) {
  drop.addEventListener(name, () => drop.classList.remove("over"));
}
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  const file = event.dataTransfer.files[0];
  if (file) check(file);
});
