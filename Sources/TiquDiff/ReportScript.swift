/// The report page's own style and script, inline (the page fetches nothing). The script filters and sorts
/// the table (state in the URL's hash or query: `kind`, `unit`, `rule`, `indicator` (a substring), `sort`
/// = `value-desc` or `value-asc`), dims highlights the filters hide, and shows a record's fields on click.
enum ReportScript {
    static let css = """
        .layout { display: grid; grid-template-columns: 280px 1fr; min-height: 100vh; }
        aside { position: sticky; top: 0; height: 100vh; overflow: auto; background: #fff; border-right: 1px solid #e5e7eb; padding: 8px 12px; font-size: 14px; }
        aside ul { list-style: none; margin: 0; padding-left: 14px; } aside a { color: #1d4ed8; text-decoration: none; }
        aside .count, #shown { color: #6b7280; font-size: 12px; }
        main { padding: 12px 20px; min-width: 0; }
        .doc .text { white-space: pre-wrap; background: #fff; border: 1px solid #e5e7eb; padding: 10px 14px; max-height: 70vh; overflow: auto; }
        .warn { color: #b45309; }
        mark.dim { opacity: 0.25; } mark.sel { outline: 2px solid #dc2626; }
        #filters { margin: 8px 0; } #filters label { margin-right: 8px; }
        #record-table { font-size: 13px; } th.sort { cursor: pointer; text-decoration: underline; }
        #detail { position: fixed; right: 16px; bottom: 16px; max-width: 420px; max-height: 60vh; overflow: auto; background: #fff;
                  border: 1px solid #9ca3af; box-shadow: 0 4px 16px rgba(0,0,0,.15); padding: 8px; font-size: 13px; }
        #detail-close { float: right; }
        """

    static let js = #"""
        (function () {
          var data = JSON.parse(document.getElementById('tiqu-data').textContent);
          var form = document.getElementById('filters');
          var tbody = document.querySelector('#record-table tbody');
          var rows = Array.prototype.slice.call(tbody.querySelectorAll('tr'));
          var keys = ['kind', 'unit', 'rule', 'indicator'];
          var sortDir = '';
          function state() {
            var s = (location.hash.indexOf('=') >= 0 ? location.hash : location.search).replace(/^[#?]/, '');
            var out = {};
            s.split('&').forEach(function (p) {
              var i = p.indexOf('=');
              if (i > 0) out[decodeURIComponent(p.slice(0, i))] = decodeURIComponent(p.slice(i + 1).replace(/\+/g, ' '));
            });
            return out;
          }
          function apply(st) {
            keys.forEach(function (k) { form.elements[k].value = st[k] || ''; });
            sortDir = st.sort === 'value-desc' ? 'desc' : st.sort === 'value-asc' ? 'asc' : '';
            refresh();
          }
          function refresh() {
            var f = {}, shown = 0, visible = {};
            keys.forEach(function (k) { f[k] = form.elements[k].value; });
            rows.forEach(function (tr) {
              var d = tr.dataset;
              var ok = (!f.kind || d.kind === f.kind) && (!f.unit || d.unit === f.unit) && (!f.rule || d.rule === f.rule) &&
                       (!f.indicator || d.indicator.indexOf(f.indicator) >= 0);
              tr.hidden = !ok;
              if (ok) { shown++; visible[d.r] = true; }
            });
            document.querySelectorAll('mark[data-r], mark[data-c]').forEach(function (m) {
              m.classList.toggle('dim', !visible[m.dataset.r || m.dataset.c]);
            });
            document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' records';
            document.body.dataset.shown = String(shown);
            sort();
          }
          function num(s) { return /^-?[0-9]+(\.[0-9]+)?$/.test(s) ? parseFloat(s) : NaN; }
          function sort() {
            var sorted = rows.slice();
            if (sortDir) {
              var sign = sortDir === 'desc' ? -1 : 1;
              sorted.sort(function (a, b) {
                var x = num(a.dataset.v), y = num(b.dataset.v);
                if (isNaN(x) !== isNaN(y)) return isNaN(x) ? 1 : -1;
                var c = isNaN(x) ? a.dataset.v.localeCompare(b.dataset.v) : x - y;
                return c !== 0 ? sign * c : Number(a.dataset.r) - Number(b.dataset.r);
              });
            }
            sorted.forEach(function (tr) { tbody.appendChild(tr); });
            document.getElementById('sort-value').textContent = 'value' + (sortDir === 'desc' ? ' \u25bc' : sortDir === 'asc' ? ' \u25b2' : '');
          }
          function save() {
            var parts = [];
            keys.forEach(function (k) { if (form.elements[k].value) parts.push(k + '=' + encodeURIComponent(form.elements[k].value)); });
            if (sortDir) parts.push('sort=value-' + sortDir);
            history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname);
          }
          function show(v) {
            if (v === null) return 'null';
            if (Array.isArray(v)) return '[' + v.map(show).join(', ') + ']';
            if (typeof v === 'object') {
              if ('low' in v && 'high' in v) return show(v.low) + '-' + show(v.high);
              return Object.keys(v).map(function (k) { return k + ': ' + show(v[k]); }).join('; ');
            }
            return String(v);
          }
          function detail(i) {
            var t = document.getElementById('detail-fields');
            t.textContent = '';
            Object.keys(data[i]).forEach(function (k) {
              var tr = t.insertRow(), th = document.createElement('th');
              th.textContent = k; tr.appendChild(th); tr.insertCell().textContent = show(data[i][k]);
            });
            document.getElementById('detail').hidden = false;
            document.querySelectorAll('mark.sel').forEach(function (m) { m.classList.remove('sel'); });
            var m = document.getElementById('r-' + i);
            if (m) { m.classList.add('sel'); m.scrollIntoView({block: 'center'}); }
          }
          document.addEventListener('click', function (e) {
            var m = e.target.closest('mark[data-r], mark[data-c], [data-jump]');
            if (!m) return;
            e.preventDefault();
            detail(Number(m.dataset.r || m.dataset.c || m.dataset.jump));
          });
          document.getElementById('detail-close').addEventListener('click', function () { document.getElementById('detail').hidden = true; });
          form.addEventListener('input', function () { refresh(); save(); });
          form.addEventListener('change', function () { refresh(); save(); });
          document.getElementById('sort-value').addEventListener('click', function () {
            sortDir = sortDir === '' ? 'desc' : sortDir === 'desc' ? 'asc' : '';
            sort(); save();
          });
          window.addEventListener('hashchange', function () { if (location.hash.indexOf('=') >= 0) apply(state()); });
          apply(state());
        })();
        """#
}
