/// What the HTML pages share: escaping, and the style sheet (inline; no fonts or scripts are fetched, the
/// system's CJK fonts render the text).
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": continue
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// JSON inside `<script type="application/json">`: `</` cannot close the element.
    static func scriptJSON(_ j: JSON) -> String { j.text.replacingOccurrences(of: "</", with: "<\\/") }

    /// A page with the shared style sheet, `extraCSS` and an optional inline script.
    static func page(title: String, body: String, extraCSS: String = "", script: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-Hans">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(css)
        \(extraCSS)
        </style>
        </head>
        <body>
        \(body)
        \(script.isEmpty ? "" : "<script>\n\(script)\n</script>")
        </body>
        </html>

        """
    }

    static let fonts = """
        "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "PingFang SC", \
        "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK", sans-serif
        """

    static let css = """
        :root { --money: #fde68a; --percent: #bfdbfe; --percentage_point: #c7d2fe; --quantity: #bbf7d0;
                --multiple: #fbcfe8; --date: #e9d5ff; --project: #fb923c; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: \(fonts); font-size: 15px; line-height: 1.7; color: #1f2937; background: #f9fafb; }
        h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 17px; margin: 16px 0 8px; }
        table { border-collapse: collapse; background: #fff; }
        th, td { border: 1px solid #e5e7eb; padding: 2px 8px; text-align: left; vertical-align: top; }
        th { background: #f3f4f6; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace, \(fonts); font-size: 13px; }
        mark { padding: 0 1px; border-radius: 3px; cursor: pointer; color: inherit; }
        mark.k-money { background: var(--money); } mark.k-percent { background: var(--percent); }
        mark.k-percentage_point { background: var(--percentage_point); } mark.k-quantity { background: var(--quantity); }
        mark.k-multiple { background: var(--multiple); } mark.k-date { background: var(--date); }
        mark.k-project { background: transparent; border-bottom: 3px solid var(--project); border-radius: 0; }
        mark.add { background: #bbf7d0; outline: 1px solid #16a34a; }
        mark.del { background: #fecaca; outline: 1px solid #dc2626; text-decoration: line-through; }
        mark.chg { background: #fde68a; outline: 1px solid #d97706; }
        .legend span { display: inline-block; margin-right: 10px; padding: 0 6px; border-radius: 3px; }
        """
}
