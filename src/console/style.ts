/**
 * The console's styles (the badge's own are in inbox/panel.ts, whose custom properties --bg, --fg, ... and light/dark
 * switch these reuse). One sheet for every tab, so a tab loaded later looks the same without a style of its own.
 */
export const CONSOLE_STYLE = `
.panel{position:fixed;display:flex;flex-direction:column;background:var(--bg);border:1px solid var(--line);box-shadow:0 12px 40px #0005;overflow:hidden;z-index:1}
.panel[hidden]{display:none}
.panel[data-dock=right]{top:0;right:0;bottom:0;width:var(--size,440px);border-width:0 0 0 1px}
.panel[data-dock=left]{top:0;left:0;bottom:0;width:var(--size,440px);border-width:0 1px 0 0}
.panel[data-dock=bottom]{left:0;right:0;bottom:0;height:var(--size,55vh);border-width:1px 0 0;border-radius:14px 14px 0 0}
.panel[data-dock=top]{left:0;right:0;top:0;height:var(--size,55vh);border-width:0 0 1px;border-radius:0 0 14px 14px}
header{display:flex;align-items:center;gap:8px;padding:10px 14px 6px}
h2{font-size:16px;margin:0;flex:1}
h2 small{display:block;font-size:12px;font-weight:400;color:var(--muted)}
.x{border:0;background:none;font-size:22px;line-height:1;padding:4px 10px}
[role=tablist]{display:flex;gap:2px;padding:0 10px;border-bottom:1px solid var(--line);overflow-x:auto;flex:none;scrollbar-width:thin}
[role=tab]{border:0;border-bottom:3px solid transparent;border-radius:6px 6px 0 0;background:none;padding:8px 8px;font-size:13.5px;color:var(--muted);font-weight:600;white-space:nowrap}
[role=tab][aria-selected=true]{color:var(--fg);border-bottom-color:var(--accent)}
/* A phone's sheet is narrower than the five tabs: they wrap onto a second row instead of scrolling out of sight. */
@media (max-width:480px){[role=tablist]{flex-wrap:wrap;overflow-x:visible;padding:0 6px}[role=tab]{padding:7px 7px}}
[role=tab]:hover{background:var(--soft)}
.tabpanel{flex:1;min-height:0;display:flex;flex-direction:column;overflow:hidden}
.tabpanel[hidden]{display:none}
.scroll{overflow:auto;flex:1;min-height:0;padding-bottom:64px}
.badge{position:relative;z-index:2}
.bar{display:flex;gap:8px;padding:10px 14px;border-bottom:1px solid var(--line);flex-wrap:wrap;align-items:center;flex:none}
input,select,textarea{border:1px solid var(--line);background:var(--bg);border-radius:8px;padding:5px 9px;font:inherit;color:inherit;min-width:0}
.bar input[type=search]{flex:1;min-width:140px}
textarea{width:100%;font-family:ui-monospace,monospace;font-size:12px}
.seg{display:flex;gap:4px}
.seg [aria-pressed=true]{background:var(--fg);color:var(--bg);border-color:var(--fg)}
ol{list-style:none;margin:0;padding:0}
li{padding:12px 14px;border-bottom:1px solid var(--line)}
li[data-highlight]{background:var(--soft)}
.meta{display:flex;justify-content:space-between;gap:8px;color:var(--muted);font-size:12px;flex-wrap:wrap}
h3{font-size:15px;margin:2px 0}
.to{margin:0 0 6px;color:var(--muted);overflow-wrap:anywhere}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:6px 0;background:var(--soft);border-radius:8px;padding:8px 10px;font-size:13px}
.sms{font-size:18px;letter-spacing:2px;font-family:ui-monospace,monospace}
iframe{display:block;width:100%;height:220px;border:1px solid var(--line);border-radius:8px;background:#fff}
details{margin:6px 0;font-size:13px}summary{cursor:pointer;color:var(--muted)}
.actions{display:flex;gap:6px;margin-top:8px;flex-wrap:wrap}
a.button{display:inline-block;text-decoration:none;border:1px solid var(--line);background:var(--soft);border-radius:8px;padding:5px 10px;color:inherit}
button.link{border:0;background:none;padding:0;text-align:left;text-decoration:underline dotted;font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
.state[hidden]{display:none}
.primary{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);font-weight:600}
.danger{color:#c21f3a;border-color:#c21f3a66}
.empty{margin:0;padding:28px 14px;text-align:center;color:var(--muted)}
.empty[hidden]{display:none}
.state{border-radius:999px;padding:0 8px;font-weight:600;font-size:11px;line-height:18px;background:var(--soft);color:var(--fg)}
.state[data-state=fresh]{background:#1f9d5533;color:inherit}
.state[data-state=used],.state[data-state=expired]{background:#c21f3a22;text-decoration:line-through}
table{border-collapse:collapse;width:100%;font-size:12.5px}
table.fixed{table-layout:fixed}
table.fixed td,table.fixed th{white-space:normal;overflow-wrap:anywhere}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top;white-space:nowrap}
th{position:sticky;top:0;background:var(--bg);color:var(--muted);font-weight:600;z-index:1}
td.wrap{white-space:normal;overflow-wrap:anywhere;min-width:120px}
tr.err td{background:#c21f3a1a}
tr.err td.status{color:#c21f3a;font-weight:700}
tr[data-open] td{background:var(--soft)}
td.req{white-space:normal;min-width:160px}
td.req code{font:12px/1.4 ui-monospace,monospace;overflow-wrap:anywhere}
td .sub{display:block;color:var(--muted);font-size:11px}
td.detail{white-space:normal;background:var(--soft)}
pre{margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere;font:12px/1.4 ui-monospace,monospace;max-height:260px;overflow:auto;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:6px}
.form[hidden]{display:none}
tbody[data-user] tr.main td{border-bottom:0;padding-bottom:2px}
tbody[data-user] tr.acts td{padding-top:2px}
tbody[data-user] .actions{margin-top:0}
tbody[data-user][data-open] td{background:var(--soft)}
td .pill{margin-left:2px}
td div{overflow-wrap:anywhere}
td code.hint{display:block;font-size:11px}
label.check{display:flex;gap:6px;align-items:center}
p.status:empty{display:none}
p.status{padding:8px 14px 0;margin:0}
.form{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:8px;padding:10px 14px;border-bottom:1px solid var(--line)}
.form label{display:flex;flex-direction:column;gap:2px;font-size:12px;color:var(--muted)}
.form label.check{flex-direction:row;align-items:center;gap:6px;color:var(--fg)}
.form .full{grid-column:1/-1}
.pill{display:inline-block;white-space:nowrap;overflow-wrap:normal;border-radius:999px;padding:0 7px;font-size:11px;line-height:18px;background:var(--soft);margin:0 2px 2px 0}
.pill.ok{background:#1f9d5533}.pill.no{background:#c21f3a22}
.hint{color:var(--muted);font-size:12px;margin:0}
section.group{padding:12px 14px;border-bottom:1px solid var(--line)}
section.group h3{margin:0 0 8px}
.row{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:6px 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;font-size:12.5px}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
`;
