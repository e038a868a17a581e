// The live view of llosim serve: polls /api/state, draws the series with Chart.js (this run solid,
// the ghost baseline dashed, a marker at every lever) and the map, network and money with SVG,
// and turns the controls into API calls. Nothing here is loaded from outside the binary.
'use strict';

const params = new URLSearchParams(location.search);
if (params.get('token')) sessionStorage.setItem('llosim-token', params.get('token'));
const view = { since: 0, version: -1, state: null, markersDrawn: 0, ghostPoints: 0, runPoints: 0, errors: 0 };
window.llosimView = view;

function token() { return sessionStorage.getItem('llosim-token') || ''; }

function say(text, ok) {
  const m = document.getElementById('message');
  m.textContent = text;
  m.className = ok ? 'ok' : 'error';
}

async function post(path, args) {
  const q = new URLSearchParams(args || {}).toString();
  try {
    const r = await fetch('api/' + path + (q ? '?' + q : ''), { method: 'POST', headers: { 'X-Llosim-Token': token() } });
    const j = await r.json();
    if (j.ok) say(j.message, true); else say(j.error, false);
    view.since = Math.min(view.since, view.state ? view.state.month : 0);
    poll();
    return j;
  } catch (e) {
    say('the server does not answer: ' + e, false);
    return { ok: false };
  }
}

// ---- charts ----
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];
const CHARTS = {
  participation: { canvas: 'c-participation', share: true, series: [
    ['participation', 'employed, all'], ['participation_low', 'low educated'], ['participation_middle', 'middle'],
    ['participation_high', 'high'], ['participation_small_firms', 'small firms (1-9)'],
    ['participation_jobseekers', 'job seekers']] },
  trust: { canvas: 'c-trust', share: true, series: [
    ['trust_employer_provider', 'employers in providers'], ['trust_in_orchestrator', 'in the orchestrators'],
    ['trust_public_private', 'public and private providers']] },
  agenda: { canvas: 'c-agenda', share: true, series: [
    ['agenda_strength', 'agenda strength'], ['fragmentation_index', 'fragmentation']] },
  money: { canvas: 'c-money', share: false, series: [
    ['employer_spent_eur', 'employers'], ['individual_budget_spent_eur', 'own budgets'],
    ['jobseeker_fund_spent_eur', 'job-seeker fund'], ['regional_fund_spent_eur', 'regional fund'],
    ['sme_subsidy_spent_eur', 'SME subsidy'], ['sector_funds_spent_eur', 'sector funds'],
    ['learning_budget_spent_eur', 'learning budget'], ['public_provider_spent_eur', 'public modules']] },
  activity: { canvas: 'c-activity', share: false, series: [
    ['course_starts', 'course starts'], ['guidance_sessions', 'guidance sessions']] },
  // Differences in percentage points, computed here from the two series the server sends.
  effect: { canvas: 'c-effect', share: false, effect: true, series: [
    ['participation', 'participation, all'], ['participation_low', 'low educated'],
    ['participation_small_firms', 'small firms'], ['participation_jobseekers', 'job seekers'],
    ['trust_in_orchestrator', 'trust in the orchestrators'], ['agenda_strength', 'agenda']] },
};

// Vertical lines at the months levers were pulled, numbered as in the list of levers.
const leverMarkers = {
  id: 'leverMarkers',
  afterDatasetsDraw(chart) {
    const levers = (view.state && view.state.levers) || [];
    const x = chart.scales.x, top = chart.chartArea.top, bottom = chart.chartArea.bottom, ctx = chart.ctx;
    ctx.save();
    levers.forEach((l, k) => {
      const px = x.getPixelForValue(l.month);
      if (px < chart.chartArea.left - 1 || px > chart.chartArea.right + 1) return;
      ctx.strokeStyle = '#c0392b';
      ctx.setLineDash([4, 3]);
      ctx.beginPath(); ctx.moveTo(px, top); ctx.lineTo(px, bottom); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = '#c0392b';
      ctx.font = '11px sans-serif';
      ctx.fillText(String(k + 1), px + 3, top + 10);
      view.markersDrawn++;
    });
    ctx.restore();
  },
};

function monthLabel(m) {
  const y = (view.state ? view.state.start_year : 2015) + Math.floor(m / 12);
  return y + '-' + String(m % 12 + 1).padStart(2, '0');
}

function makeChart(def) {
  const datasets = [];
  def.series.forEach(([key, label], k) => {
    const c = COLORS[k % COLORS.length];
    datasets.push({ label, key, ghost: false, data: [], borderColor: c, backgroundColor: c, borderWidth: 2, pointRadius: 0 });
    if (def.effect) return;
    datasets.push({ label: label + ' (ghost)', key, ghost: true, data: [], borderColor: c + '88', backgroundColor: c,
                    borderDash: [5, 4], borderWidth: 1.5, pointRadius: 0 });
  });
  return new Chart(document.getElementById(def.canvas), {
    type: 'line',
    data: { datasets },
    options: {
      animation: false, parsing: false, normalized: true, maintainAspectRatio: false, spanGaps: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, max: 120, ticks: { stepSize: 12, callback: (v) => monthLabel(v).slice(0, 4) } },
        y: def.effect ? { suggestedMin: -1, suggestedMax: 1, title: { display: true, text: 'percentage points' } }
          : def.share ? { min: 0, ticks: { callback: (v) => Math.round(v * 100) + '%' } }
                     : { min: 0, ticks: { callback: (v) => v >= 1e6 ? (v / 1e6) + 'M' : v >= 1e3 ? (v / 1e3) + 'k' : v } },
      },
      plugins: {
        legend: { labels: { boxWidth: 12, font: { size: 10 }, filter: (item, data) => !data.datasets[item.datasetIndex].ghost } },
        tooltip: { callbacks: { title: (items) => items.length ? monthLabel(items[0].parsed.x) : '' } },
      },
    },
    plugins: [leverMarkers],
  });
}

const charts = {};
view.charts = charts;

function feedCharts(st, reset) {
  const col = {};
  st.keys.forEach((k, i) => { col[k] = i; });
  for (const name in CHARTS) {
    const chart = charts[name];
    chart.options.scales.x.max = st.months;
    chart.data.datasets.forEach((ds) => {
      if (reset) ds.data = [];
      const rows = ds.ghost ? st.ghost : st.run;
      const from = st.since;
      rows.forEach((row, i) => {
        const x = from + i;
        let y = row[col[ds.key]];
        if (CHARTS[name].effect) {
          const g = st.ghost[i] ? st.ghost[i][col[ds.key]] : null;
          y = y === null || g === null || g === undefined ? null : 100 * (y - g);
        }
        if (ds.data.length && ds.data[ds.data.length - 1].x >= x) return;
        ds.data.push({ x, y: y === null ? NaN : y });
      });
    });
    chart.update('none');
  }
  view.runPoints = charts.participation.data.datasets[0].data.length;
  view.ghostPoints = charts.participation.data.datasets[1].data.length;
}

// ---- pictures ----
const SVGNS = 'http://www.w3.org/2000/svg';
function el(name, attrs, parent, text) {
  const e = document.createElementNS(SVGNS, name);
  for (const a in attrs) e.setAttribute(a, attrs[a]);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

// Schematic outlines of the four labour-market regions, west to east: West-Brabant, Midden-Brabant,
// Noordoost-Brabant (north-east) and Zuidoost-Brabant (south-east). Not to scale.
const REGION_SHAPES = {
  'West-Brabant': 'M10,70 L60,40 L130,45 L150,90 L140,170 L95,215 L30,190 L15,130 Z',
  'Midden-Brabant': 'M130,45 L200,50 L235,95 L225,170 L175,205 L140,170 L150,90 Z',
  'Noordoost-Brabant': 'M200,50 L290,30 L385,60 L375,115 L300,130 L235,95 Z',
  'Zuidoost-Brabant': 'M235,95 L300,130 L375,115 L365,190 L300,245 L215,235 L175,205 L225,170 Z',
};
const MAP_LABEL = { 'West-Brabant': [75, 125], 'Midden-Brabant': [185, 125], 'Noordoost-Brabant': [305, 80], 'Zuidoost-Brabant': [285, 185] };

function shade(t) { // 0..1 -> light yellow to dark blue
  const a = [236, 244, 250], b = [22, 70, 130];
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * Math.max(0, Math.min(1, t))));
  return 'rgb(' + c.join(',') + ')';
}

function drawMap(st) {
  const svg = document.getElementById('map');
  const sel = document.getElementById('mapindicator');
  if (!st.map) return;
  if (!sel.options.length) Object.keys(st.map).forEach((k) => sel.add(new Option(k.replace(/_/g, ' '), k)));
  const values = st.map[sel.value] || [];
  const finite = values.filter((v) => v !== null);
  const lo = Math.min(...finite), hi = Math.max(...finite);
  svg.innerHTML = '';
  st.regions.forEach((name, r) => {
    const v = values[r];
    const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    const path = REGION_SHAPES[name];
    const [lx, ly] = MAP_LABEL[name] || [60 + 90 * r, 130];
    if (path) el('path', { d: path, fill: v === null ? '#ddd' : shade(0.15 + 0.7 * t), stroke: '#fff', 'stroke-width': 3 }, svg);
    el('text', { x: lx, y: ly, 'text-anchor': 'middle', 'font-size': 12, fill: t > 0.6 ? '#fff' : '#222' }, svg, name);
    el('text', { x: lx, y: ly + 15, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold', fill: t > 0.6 ? '#fff' : '#222' },
       svg, v === null ? 'n/a' : (Math.abs(v) <= 1 ? (v * 100).toFixed(1) + '%' : v.toFixed(2)));
  });
}

function drawNetwork(st) {
  const svg = document.getElementById('network');
  if (!st.network) return;
  const n = st.network, N = n.nodes.length, cx = 200, cy = 150, R = 95;
  const pos = n.nodes.map((_, a) => [cx + R * Math.cos(2 * Math.PI * a / N - Math.PI / 2), cy + R * Math.sin(2 * Math.PI * a / N - Math.PI / 2)]);
  let top = 0;
  n.tie.forEach((row) => row.forEach((v) => { top = Math.max(top, v); }));
  svg.innerHTML = '';
  for (let a = 0; a < N; a++) for (let b = a + 1; b < N; b++) {
    const w = (n.tie[a][b] + n.tie[b][a]) / 2;
    if (!(w > 0) || !(top > 0)) continue;
    el('line', { x1: pos[a][0], y1: pos[a][1], x2: pos[b][0], y2: pos[b][1], stroke: '#4a7ab0',
                 'stroke-opacity': 0.25 + 0.6 * w / top, 'stroke-width': 0.5 + 9 * w / top }, svg);
  }
  n.nodes.forEach((name, a) => {
    const r = 8 + 22 * (n.eigenvector[a] || 0);
    el('circle', { cx: pos[a][0], cy: pos[a][1], r, fill: '#e39b2d', stroke: '#7a4b0b' }, svg);
    const dx = pos[a][0] - cx, dy = pos[a][1] - cy, len = Math.hypot(dx, dy) || 1;
    const lx = pos[a][0] + dx / len * (r + 8), ly = pos[a][1] + dy / len * (r + 8) + (dy > 0 ? 10 : dy < -1 ? -4 : 4);
    el('text', { x: lx, y: ly, 'text-anchor': dx > 20 ? 'start' : dx < -20 ? 'end' : 'middle', 'font-size': 11 }, svg,
       name.replace(/_/g, ' ') + (n.agency[a] > 0 ? ' (' + Math.round(n.agency[a] * 100) + '% votes)' : ''));
  });
}

function drawMoney(st) {
  const svg = document.getElementById('money');
  if (!st.money) return;
  const src = st.money.filter((s) => (s.providers || 0) + (s.administration || 0) > 0);
  const total = src.reduce((t, s) => t + s.providers + s.administration, 0);
  svg.innerHTML = '';
  if (!(total > 0)) { el('text', { x: 200, y: 150, 'text-anchor': 'middle' }, svg, 'no money spent this month'); return; }
  const H = 260, gap = 4, scale = (H - gap * src.length) / total;
  const toProv = src.reduce((t, s) => t + s.providers, 0), toAdmin = total - toProv;
  const right = [{ name: 'providers (course fees)', y: 20, h: toProv * scale }, { name: 'administration', y: 20 + toProv * scale + 10, h: toAdmin * scale }];
  let y = 20, ry = [right[0].y, right[1].y], labelY = 0;
  src.forEach((s, k) => {
    const c = COLORS[k % COLORS.length];
    const h = (s.providers + s.administration) * scale;
    el('rect', { x: 10, y, width: 10, height: Math.max(h, 1), fill: c }, svg);
    labelY = Math.max(y + h / 2 + 4, labelY + 12); // small flows: labels stacked, never on top of each other
    el('text', { x: 24, y: labelY, 'font-size': 10 }, svg, s.source + ' ' + euros(s.providers + s.administration));
    let yy = y;
    [[s.providers, 0], [s.administration, 1]].forEach(([v, t]) => {
      const hh = v * scale;
      if (!(hh > 0)) return;
      const x0 = 20, x1 = 360, y0 = yy + hh / 2, y1 = ry[t] + hh / 2;
      el('path', { d: `M${x0},${y0} C${(x0 + x1) / 2},${y0} ${(x0 + x1) / 2},${y1} ${x1},${y1}`, stroke: c,
                   'stroke-opacity': 0.45, 'stroke-width': Math.max(hh, 0.5), fill: 'none' }, svg);
      yy += hh; ry[t] += hh;
    });
    y += h + gap;
  });
  right.forEach((r) => {
    if (!(r.h > 0)) return;
    el('rect', { x: 360, y: r.y, width: 10, height: r.h, fill: '#555' }, svg);
    el('text', { x: 355, y: r.y + r.h / 2, 'text-anchor': 'end', 'font-size': 11, 'font-weight': 'bold' }, svg, r.name);
  });
}

function euros(v) { return v >= 1e6 ? '€' + (v / 1e6).toFixed(1) + 'M' : v >= 1e3 ? '€' + Math.round(v / 1e3) + 'k' : '€' + Math.round(v); }

// The followed worker: who they are, and the terms of this month's decision to start a course.
function drawWorker(st) {
  const box = document.getElementById('worker');
  const w = st.worker;
  if (!w) { box.textContent = 'nobody followed'; return; }
  if (!w.seen) { box.textContent = 'Worker ' + w.person + ' made no decision last month: they left the labour market (or nothing was simulated yet). Follow another worker.'; return; }
  const pct = (v) => (100 * v).toFixed(v < 0.01 ? 2 : 1) + '%';
  let html = `<div>Worker ${w.person}, ${w.age}, ${w.education} education, ${w.status === 'employed'
    ? (w.contract === 'self-employed' ? 'self-employed' : w.contract + ' contract at a firm of ' + w.firm_size) : 'job seeker'}`
    + ` in ${w.sector}, ${w.region}. Skill ${(100 * w.skill).toFixed(0)}% of what the job needs; own learning budget ${euros(w.own_budget_eur)}.</div>`;
  let why;
  if (w.in_course) why = 'In a course this month: no decision to start another.';
  else if (w.never_learner) why = 'Belongs to the group that never starts a course.';
  else if (w.nothing_in_reach) why = 'No provider within reach: nothing to decide.';
  else {
    const sum = w.terms.reduce((t, [, v]) => t + v, 0);
    const top = Math.max(...w.terms.map(([, v]) => Math.abs(v)), 1e-9);
    html += '<div class="hint">the log-odds of starting this month, term by term:</div>';
    w.terms.forEach(([name, v]) => {
      if (Math.abs(v) < 1e-9) return;
      html += `<div class="term"><span class="name">${name}</span><span class="bar" style="width:${Math.round(120 * Math.abs(v) / top)}px;background:${v > 0 ? '#2ca02c' : '#d62728'}"></span>${v > 0 ? '+' : ''}${v.toFixed(2)}</div>`;
    });
    html += `<div class="term"><span class="name">sum</span>${sum.toFixed(2)}: a chance of ${pct(w.probability)} this month</div>`;
    why = w.wanted
      ? `The draw ${w.draw.toFixed(3)} fell below ${pct(w.probability)}: wanted a course at ${w.provider === 'online' ? 'an online' : w.provider === 'private' ? 'a private' : 'an ' + w.provider} provider` +
        (w.started ? ' and started it.' : ', but did not start (no seat, or the employer or the money said no).')
      : `The draw ${w.draw.toFixed(3)} was above ${pct(w.probability)}: did not start a course.`;
  }
  box.innerHTML = html + '<div class="why"></div>';
  box.querySelector('.why').textContent = why;
}

// ---- classroom ----
function drawClassroom(st) {
  const c = st.classroom;
  const box = document.getElementById('classroom');
  if (!c || !c.enabled) { box.hidden = true; return; }
  box.hidden = false;
  // A student's run controls are the teacher's while locked; their levers become proposals.
  document.querySelectorAll('#runcontrols button, #runcontrols input').forEach((b) => { b.disabled = !c.teacher && c.locked; });
  document.getElementById('teacherview').hidden = !c.teacher;
  document.getElementById('studentview').hidden = c.teacher;
  if (c.teacher) {
    document.getElementById('joincode').textContent = c.code;
    document.getElementById('nstudents').textContent = c.students;
    document.getElementById('lock').checked = c.locked;
    const vb = document.getElementById('votebox');
    const tally = c.vote_open ? c.votes : c.last_votes;
    const most = Math.max(1, ...tally);
    vb.innerHTML = (c.vote_open ? '<b>Vote open</b> (end of year ' + c.vote_year + '): ' + c.voted + ' voted'
      : 'No vote open: one opens at the end of every simulated year.' + (c.outcome ? ' The last vote:' : '')) +
      c.actors.map((a, k) => `<div>${a} <span class="bar" style="width:${Math.round(120 * tally[k] / most)}px"></span> ${tally[k]}</div>`).join('');
    document.getElementById('closevote').disabled = !c.vote_open;
    document.getElementById('outcome').textContent = c.outcome;
    document.getElementById('proposals').innerHTML = '';
    c.proposals.forEach((p) => { const li = document.createElement('li'); li.textContent = p.seat + ': ' + p.label; document.getElementById('proposals').appendChild(li); });
  } else {
    const seat = document.getElementById('seat');
    if (!seat.options.length) st.regions.concat(c.actors).forEach((s) => seat.add(new Option(s, s)));
    document.getElementById('joinform').hidden = !!c.seat;
    document.getElementById('myseat').textContent = c.seat ? 'Your seat: ' + c.seat + (c.my_vote ? ' (voted for ' + c.my_vote + ')' : '') : '';
    const vbs = document.getElementById('votebuttons');
    vbs.innerHTML = '';
    if (c.seat && c.vote_open) {
      vbs.appendChild(document.createTextNode('Who should carry more weight at the table? '));
      c.actors.forEach((a) => { const b = document.createElement('button'); b.textContent = a; b.onclick = () => post('vote', { actor: a }); vbs.appendChild(b); });
    }
  }
}

// The controls show the settings in force now (after every lever), unless someone is using them.
function syncControls(now) {
  const $ = (id) => document.getElementById(id);
  const free = (id) => document.activeElement !== $(id);
  const list = (text) => text.replace(/[\[\]]/g, '').split(',').map(Number);
  if (now['orchestrators.front_office'] !== undefined) $('frontoffice').checked = now['orchestrators.front_office'] === '1';
  if (now['orchestrators.temporary_staff_share'] !== undefined && free('tempstaff')) {
    $('tempstaff').value = now['orchestrators.temporary_staff_share'];
    $('tempstaffval').textContent = Number($('tempstaff').value).toFixed(2);
  }
  if (now['labour.poaching_intensity'] !== undefined && free('poaching')) {
    $('poaching').value = now['labour.poaching_intensity'];
    $('poachingval').textContent = now['labour.poaching_intensity'];
  }
  if (now['workers.individual_budget_eur'] !== undefined && free('budget')) $('budget').value = Number(now['workers.individual_budget_eur']);
  if (now['funding.regional_fund_eur'] !== undefined && free('regionalfund')) $('regionalfund').value = list(now['funding.regional_fund_eur'])[0];
  if (now['providers.competition'] !== undefined && free('competition')) $('competition').value = now['providers.competition'].replace(/"/g, '');
  if (now['governance.agency'] !== undefined) {
    const v = list(now['governance.agency']);
    ['municipality', 'intermediaries', 'employers', 'workers', 'education'].forEach((a, k) => {
      if (free('agency-' + a)) $('agency-' + a).value = v[k];
    });
  }
}

// ---- polling ----
let polling = false;
async function poll() {
  if (polling) return;
  polling = true;
  try {
    const r = await fetch('api/state?since=' + view.since, { headers: { 'X-Llosim-Token': token() } });
    const st = await r.json();
    const reset = st.version !== view.version;
    if (reset && st.since !== 0 && view.version !== -1) { view.version = st.version; view.since = 0; polling = false; return poll(); }
    view.version = st.version;
    view.state = st;
    if (!document.getElementById('sector').options.length) st.sectors.forEach((s) => document.getElementById('sector').add(new Option(s, s)));
    feedCharts(st, reset || st.since === 0);
    view.since = st.month;
    document.getElementById('date').textContent = st.month > 0 ? monthLabel(st.month - 1) : 'set up';
    document.getElementById('monthinfo').textContent = 'month ' + st.month + ' of ' + st.months + (st.running ? ', running' : '');
    document.getElementById('rewindmonth').max = st.month;
    if (document.activeElement !== document.getElementById('speed') && st.speed > 0) {
      document.getElementById('speed').value = st.speed;
      document.getElementById('speedval').textContent = st.speed;
    }
    syncControls(st.now || {});
    const hist = document.getElementById('history');
    hist.innerHTML = '';
    st.levers.forEach((l) => { const li = document.createElement('li'); li.className = 'lever-marker'; li.textContent = 'month ' + l.month + ' (' + monthLabel(l.month) + '): ' + l.label; hist.appendChild(li); });
    drawMap(st); drawNetwork(st); drawMoney(st); drawWorker(st); drawClassroom(st);
  } catch (e) {
    view.errors++;
  }
  polling = false;
}

// ---- controls ----
function lever(args, label) { return post('lever', Object.assign({ label }, args)); }

function setup() {
  for (const name in CHARTS) charts[name] = makeChart(CHARTS[name]);
  const $ = (id) => document.getElementById(id);
  $('reset').onclick = () => post('reset');
  $('step').onclick = () => post('step');
  $('run').onclick = () => post('run');
  $('pause').onclick = () => post('pause');
  $('speed').oninput = () => { $('speedval').textContent = $('speed').value; };
  $('speed').onchange = () => post('speed', { value: $('speed').value });
  $('rewind').onclick = () => post('rewind', { month: $('rewindmonth').value });
  $('export').onclick = (e) => {
    if (!token()) return;
    e.preventDefault();
    fetch('api/export', { headers: { 'X-Llosim-Token': token() } }).then((r) => r.blob()).then((b) => {
      const a = document.createElement('a'); a.href = URL.createObjectURL(b); a.download = 'session.cfg'; a.click();
    });
  };
  $('frontoffice').onchange = () => lever({ set: 'orchestrators.front_office', value: $('frontoffice').checked ? 1 : 0 },
    $('frontoffice').checked ? 'one-stop front office opens' : 'front office closes');
  const actors = ['municipality', 'intermediaries', 'employers', 'workers', 'education'];
  const start = [0.4, 0.35, 0.1, 0.05, 0.1];
  actors.forEach((a, k) => {
    const l = document.createElement('label');
    l.innerHTML = `<span>${a}</span><input type="range" min="0" max="1" step="0.05" value="${start[k]}" id="agency-${a}">`;
    $('agency').appendChild(l);
  });
  $('applyagency').onclick = () => {
    const v = actors.map((a) => $('agency-' + a).value);
    lever({ set: 'governance.agency', value: '[' + v.join(', ') + ']' }, 'votes at the table: ' + actors.map((a, k) => a + ' ' + v[k]).join(', '));
  };
  $('tempstaff').oninput = () => { $('tempstaffval').textContent = Number($('tempstaff').value).toFixed(2); };
  $('tempstaff').onchange = () => lever({ set: 'orchestrators.temporary_staff_share', value: $('tempstaff').value },
    'temporary staff share ' + $('tempstaff').value);
  $('applyfund').onclick = () => {
    const n = (view.state && view.state.regions.length) || 4;
    const v = $('regionalfund').value;
    lever({ set: 'funding.regional_fund_eur', value: '[' + Array(n).fill(v).join(', ') + ']' }, 'regional fund ' + v + ' EUR per region');
  };
  $('applybudget').onclick = () => lever({ set: 'workers.individual_budget_eur', value: $('budget').value },
    'individual learning budget ' + $('budget').value + ' EUR');
  $('applycompetition').onclick = () => lever({ set: 'providers.competition', value: $('competition').value },
    'providers: ' + $('competition').value);
  $('poaching').oninput = () => { $('poachingval').textContent = $('poaching').value; };
  $('poaching').onchange = () => lever({ set: 'labour.poaching_intensity', value: $('poaching').value }, 'poaching intensity ' + $('poaching').value);
  $('trustshock').onclick = () => lever({ shock: 'trust', delta: -0.3 }, 'trust collapses (-0.3)');
  $('covid').onclick = () => lever({ shock: 'recession', months: 18, job_loss_factor: 1.4, job_finding_factor: 0.6, urgency: 0.25, collaboration: 0.3 },
    'COVID-like crisis, 18 months');
  $('techshock').onclick = () => lever({ shock: 'technology', months: 24, obsolescence_factor: 2, sectors: $('sector').value },
    'technology shock in ' + $('sector').value);
  $('applyany').onclick = () => lever({ set: $('anypath').value.trim(), value: $('anyvalue').value.trim() },
    $('anypath').value.trim() + ' = ' + $('anyvalue').value.trim());
  $('followother').onclick = () => post('follow', { slot: Math.floor(Math.random() * 1e9) });
  $('mapindicator').onchange = () => view.state && drawMap(view.state);
  $('lock').onchange = () => post('lock', { locked: $('lock').checked ? 1 : 0 });
  $('closevote').onclick = () => post('vote/close');
  $('join').onclick = async () => {
    const r = await fetch('api/join?' + new URLSearchParams({ code: $('joincodein').value, seat: $('seat').value, name: $('groupname').value }), { method: 'POST' });
    const j = await r.json();
    if (j.ok) { sessionStorage.setItem('llosim-token', j.token); say(j.message, true); } else say(j.error, false);
    poll();
  };
  poll();
  setInterval(poll, 250);
}

setup();
