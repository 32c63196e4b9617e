/// The portal's one stylesheet (no build step): system fonts with CJK fallbacks, contrast
/// of at least 4.5:1 for text, a visible focus ring for keyboard users.
enum PortalStyle {
    static let css = """
        :root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8ccd2; --bg: #ffffff; --panel: #f3f5f8; --brand: #0b4f8a; --bad: #a01818; --good: #1d6b2c; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.55 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
        a { color: var(--brand); }
        a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #f0a000; outline-offset: 2px; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
        header { background: var(--brand); color: #fff; }
        header a { color: #fff; }
        .bar { display: flex; justify-content: space-between; align-items: center; padding: 10px 20px; flex-wrap: wrap; gap: 8px; }
        .brand { font-weight: 700; font-size: 1.15em; text-decoration: none; }
        .tools { display: flex; gap: 12px; align-items: center; }
        nav ul { list-style: none; margin: 0; padding: 0 12px; display: flex; flex-wrap: wrap; background: #083a66; }
        nav a { display: block; padding: 8px 12px; text-decoration: none; }
        nav a[aria-current="page"] { background: #fff; color: var(--brand); font-weight: 700; }
        main { max-width: 1180px; margin: 0 auto; padding: 16px 20px 40px; }
        h1 { font-size: 1.6em; margin: 0.4em 0; } h2 { font-size: 1.25em; } h3 { font-size: 1.05em; }
        footer { border-top: 1px solid var(--line); color: var(--muted); padding: 12px 20px; font-size: 0.9em; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.95em; }
        th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
        th { background: var(--panel); }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
        .card h2 { margin-top: 0; }
        form.card { max-width: 760px; }
        form.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-end; background: var(--panel); padding: 10px; border-radius: 6px; }
        form.inline { display: inline; }
        label { display: block; font-weight: 600; margin-top: 8px; }
        fieldset { border: 1px solid var(--line); margin: 8px 0; } legend { font-weight: 600; }
        fieldset label { display: inline-block; font-weight: normal; margin-right: 14px; }
        input[type=text], input[type=password], input[type=date], input[type=number], select, textarea { font: inherit; padding: 5px 7px; border: 1px solid #767b82; border-radius: 4px; max-width: 100%; }
        textarea { width: 100%; }
        button { font: inherit; padding: 6px 14px; border: 1px solid var(--brand); background: var(--brand); color: #fff; border-radius: 4px; cursor: pointer; margin-top: 8px; }
        button.secondary { background: #fff; color: var(--brand); }
        header button { margin: 0; padding: 2px 10px; background: #fff; color: var(--brand); }
        .help { color: var(--muted); font-size: 0.92em; margin: 2px 0 6px; }
        .error { color: var(--bad); background: #fdeeee; border-left: 4px solid var(--bad); padding: 8px 12px; }
        .notice { color: var(--good); background: #eaf6ec; border-left: 4px solid var(--good); padding: 8px 12px; }
        .tag { display: inline-block; padding: 0 6px; border-radius: 3px; background: #e4e8ee; font-size: 0.85em; }
        .tag.high { background: #fbe3e3; color: #7d1010; } .tag.medium { background: #fff1d6; color: #6b4500; } .tag.low { background: #e2f1e5; color: #1d5a2a; }
        .lead { font-size: 1.08em; max-width: 62em; }
        .who { font-size: 0.95em; }
        svg text { font: 11px system-ui, "Noto Sans CJK SC", sans-serif; fill: #333; }
        """
}
