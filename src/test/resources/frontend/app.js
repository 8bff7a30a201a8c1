'use strict';
// What motiv8-fe does, screen by screen, in plain JavaScript: AuthContext (token from ?token= or
// localStorage, then GET /auth/me), the onboarding (ImageUpload, then WorkoutDays and
// AntiMotivationMode), and home (DailyMotivation with the settings beside it). axios calls are made
// with fetch and the headers axios sends; DailyMotivation already uses fetch. Every call and every
// image load is recorded in sessionStorage (it survives a reload) and listed in #calls.

const API = window.API_BASE_URL;
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MODES = {shame: 'Shame', toned: 'Toned', ripped: 'Ripped'};
const AXIOS_ACCEPT = 'application/json, text/plain, */*';

const calls = JSON.parse(sessionStorage.getItem('calls') || '[]');
window.pending = 0;
let user = null;

/** Records a call when it starts (so the list is in the order calls are made); finish() adds its outcome. */
function record(entry) {
  entry.status = 'pending';
  calls.push(entry);
  const li = document.createElement('li');
  document.getElementById('calls').append(li);
  const save = () => {
    sessionStorage.setItem('calls', JSON.stringify(calls));
    li.textContent = `${entry.method} ${entry.path} -> ${entry.status}`;
  };
  save();
  return (outcome) => {
    Object.assign(entry, outcome);
    save();
  };
}

/** The URL as recorded: no origin, the token's value hidden. */
function shown(url) {
  return url.replace(API, '').replace(/token=[^&]+/, 'token=...');
}

function token() {
  return localStorage.getItem('auth_token');
}

/**
 * One HTTP call. axios: true adds axios's Accept header, and for a JSON body its Content-Type
 * (axios serialises objects as JSON); a FormData body gets the browser's multipart Content-Type
 * with its boundary, which is also what axios leaves to the browser.
 */
async function call(method, path, {auth = false, json, form, axios = true} = {}) {
  const headers = {};
  if (axios) headers.Accept = AXIOS_ACCEPT;
  if (auth) headers.Authorization = `Bearer ${token()}`;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  const entry = {method, path: shown(path), body: json !== undefined ? json : (form ? 'multipart/form-data: file' : null)};
  window.pending++;
  const finish = record(entry);
  try {
    const response = await fetch(API + path, {method, headers, body});
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    finish({status: response.status});
    return {ok: response.ok, status: response.status, data};
  } catch (error) {
    finish({status: 0, error: String(error)});
    return {ok: false, status: 0, data: null};
  } finally {
    window.pending--;
  }
}

/** An <img> whose load or failure is recorded like a call. */
function image(id, src, alt) {
  const img = document.createElement('img');
  img.id = id;
  img.alt = alt;
  window.pending++;
  const finish = record({method: 'IMG', path: shown(src), body: null});
  img.addEventListener('load', () => {
    finish({status: 'load', width: img.naturalWidth});
    window.pending--;
  });
  img.addEventListener('error', () => {
    finish({status: 'error'});
    window.pending--;
  });
  img.src = src;
  return img;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([key, value]) => {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  });
  node.append(...children);
  return node;
}

function errorBox(container, result, fallback) {
  const detail = (result.data && result.data.detail) || fallback;
  container.replaceChildren(el('div', {class: 'error', text: `Error: ${detail}`}));
}

function show(...nodes) {
  document.getElementById('screen').replaceChildren(...nodes);
}

// ---- AuthContext -------------------------------------------------------------------------------

async function boot() {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    localStorage.setItem('auth_token', fromUrl);
    window.history.replaceState({}, document.title, window.location.pathname);
  }
  if (!token()) {
    showLogin();
    return;
  }
  const me = await call('GET', '/auth/me', {auth: true});
  if (!me.ok) {
    localStorage.removeItem('auth_token');
    showLogin();
    return;
  }
  user = me.data;
  document.getElementById('user-email').textContent = user.email;
  const logout = document.getElementById('logout');
  logout.hidden = false;
  logout.onclick = () => { localStorage.removeItem('auth_token'); window.location.reload(); };
  if (!user.has_selfie) showUpload();
  else showHome();
}

// ---- Login: Google and Apple are top-level navigations; the development login stands in for
// Google here and ends like it, at FRONTEND_URL/?token=<JWT>.

function showLogin() {
  const email = el('input', {id: 'dev-email', type: 'email', value: ''});
  const message = el('div');
  show(el('section', {id: 'login'},
    el('button', {id: 'google', text: 'Continue with Google', onclick: () => { window.location.href = `${API}/auth/login`; }}),
    el('button', {id: 'apple', text: 'Continue with Apple', onclick: () => { window.location.href = `${API}/auth/apple/login`; }}),
    email,
    el('button', {id: 'dev-login', text: 'Development login', onclick: async () => {
      const result = await call('POST', '/auth/dev-login', {json: {email: email.value}});
      if (result.ok) window.location.href = `${window.location.pathname}?token=${encodeURIComponent(result.data.access_token)}`;
      else errorBox(message, result, 'Login failed');
    }}),
    message));
}

// ---- Onboarding step 1: ImageUpload ("Upload a selfie") ----------------------------------------

async function loadConfig() {
  const config = await call('GET', '/api/config');
  return config.ok ? config.data : {environment: 'production', features: {onDemandGeneration: false}};
}

function showUpload() {
  const message = el('div', {id: 'upload-message'});
  const input = el('input', {id: 'file-input', type: 'file', accept: 'image/*'});
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    input.disabled = true;
    const form = new FormData();
    form.append('file', file);
    const result = await call('POST', '/api/upload', {auth: true, form});
    input.disabled = false;
    if (!result.ok) {
      errorBox(message, result, 'Upload failed. Please try again.');
      return;
    }
    user.has_selfie = true;
    user.selfie_filename = result.data.filename;
    showSettingsStep();
  });
  show(el('section', {id: 'upload'}, el('h3', {text: 'Upload a selfie'}), input, message));
  loadConfig();
}

// ---- Onboarding step 2: WorkoutDays and AntiMotivationMode, then "Let's go" -------------------

function workoutDays() {
  const message = el('div', {class: 'workout-message'});
  const boxes = DAYS.map(day => el('input', {type: 'checkbox', 'data-day': day}));
  const sync = () => boxes.forEach((box, i) => { box.checked = !!user.workout_days[DAYS[i]]; });
  sync();
  boxes.forEach((box, i) => box.addEventListener('change', async () => {
    const next = {...user.workout_days, [DAYS[i]]: !user.workout_days[DAYS[i]]};
    boxes.forEach(b => { b.disabled = true; });
    message.replaceChildren();
    const result = await call('PUT', '/api/workout-days', {auth: true, json: {workout_days: next}});
    if (result.ok) user.workout_days = next;
    else errorBox(message, result, 'Failed to update workout days');
    sync();
    boxes.forEach(b => { b.disabled = false; });
  }));
  return el('section', {class: 'workout-days'}, el('h2', {text: 'Workout days'}),
    ...boxes.map((box, i) => el('label', {}, box, DAYS[i])), message);
}

/** AntiMotivationMode: shows nothing until /auth/me gives a mode it knows (shame, toned, ripped). */
function modeChooser() {
  const section = el('section', {class: 'mode'});
  const render = (saving, error) => {
    const nodes = [];
    if (MODES[user.mode]) {
      nodes.push(el('button', {class: 'mode-button', text: `${MODES[user.mode]} mode`, 'data-current': user.mode,
        onclick: () => options.toggleAttribute('hidden')}));
    }
    const options = el('div', {class: 'mode-options', hidden: ''},
      ...Object.keys(MODES).filter(m => m !== user.mode).map(m =>
        el('button', {class: 'mode-option', 'data-mode': m, text: MODES[m], onclick: () => choose(m)})));
    nodes.push(options);
    if (error) nodes.push(error);
    if (saving) nodes.forEach(n => { if (n.tagName === 'BUTTON') n.disabled = true; });
    section.replaceChildren(...nodes);
  };
  const choose = async (mode) => {
    render(true);
    const result = await call('PUT', '/api/mode', {auth: true, json: {mode}});
    if (result.ok) {
      user.mode = mode;
      render(false);
    } else {
      const box = el('div', {class: 'mode-message'});
      errorBox(box, result, 'Failed to update mode');
      render(false, box);
    }
  };
  render(false);
  return section;
}

function showSettingsStep() {
  show(el('section', {id: 'settings-step'}, workoutDays(), modeChooser(),
    el('button', {id: 'lets-go', text: "Let's go", onclick: showHome})));
}

// ---- Home: DailyMotivation, with the settings (ImageUpload "Selfie", WorkoutDays, mode) mounted
// beside it, as the app keeps them mounted and hidden behind its Settings tab.

function localDate(date = new Date()) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function dailyMotivation() {
  const section = el('section', {id: 'daily'});
  const anyDay = Object.values(user.workout_days).some(Boolean);
  section.append(el('div', {id: 'next-workout', text: anyDay ? 'Next motivation arriving' : 'Set your workout days to receive motivation'}));
  const body = el('div', {id: 'daily-body', text: 'Loading...'});
  section.append(body);
  (async () => {
    const result = await call('GET', `/api/daily-motivation?date_str=${localDate()}`, {auth: true, axios: false});
    if (result.ok) {
      body.replaceChildren(image('daily-image', `${API}/api/generated/${result.data.filename}?token=${token()}`, 'Daily motivation'),
        el('span', {id: 'daily-filename', text: result.data.filename}));
    } else if (result.status === 404) {
      body.replaceChildren(el('div', {id: 'rest', text: 'Rest up!'}));
    } else {
      errorBox(body, result, 'Failed to fetch daily motivation');
    }
  })();
  return section;
}

function selfieAndGenerate() {
  const section = el('section', {id: 'selfie-section'}, el('h3', {text: 'Selfie'}));
  const config = loadConfig();
  if (user.has_selfie && user.selfie_filename) {
    section.append(image('selfie', `${API}/api/selfie/${user.selfie_filename}?token=${token()}`, 'Your selfie'));
  }
  const message = el('div', {id: 'generate-message'});
  const result = el('div', {id: 'generated'});
  section.append(message, result);
  config.then(config => {
    if (!config.features.onDemandGeneration) return;
    const button = el('button', {id: 'generate', text: 'Generate muscular body image'});
    button.addEventListener('click', async () => {
      if (!user.selfie_filename) {
        message.textContent = 'Please upload a selfie first before generating images';
        return;
      }
      button.disabled = true;
      message.replaceChildren();
      result.replaceChildren();
      const seed = Math.floor(Math.random() * 1000000);
      const answer = await call('POST', '/api/generate', {auth: true,
        json: {num_inference_steps: 30, guidance_scale: 7.5, scale: 0.8, seed}});
      button.disabled = false;
      if (!answer.ok) {
        errorBox(message, answer, 'Image generation failed. Please try again.');
        return;
      }
      result.replaceChildren(
        image('generated-image', `${API}/api/generated/${answer.data.generated_filename}`, 'Generated'),
        el('span', {id: 'generated-filename', text: answer.data.generated_filename}));
    });
    section.append(button);
  });
  return section;
}

function showHome() {
  show(el('section', {id: 'home'}, dailyMotivation(), selfieAndGenerate(), workoutDays(), modeChooser()));
}

boot();
