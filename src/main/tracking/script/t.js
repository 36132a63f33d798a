/* Affiliate Desk tracking script */
(function (window, document) {
  'use strict';
  if (!window || !document || typeof Promise === 'undefined') return;
  if (window.AffiliateDesk && window.AffiliateDesk.loaded) return;

  var ENDPOINT = __ENDPOINT__;
  var STORE_KEY = '_ad_cid';
  var ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
  var REF_PARAMS = ['ref', 'aff_id', 'partner', 'a'];
  var MAX_SUB = 255;

  function findScript() {
    if (document.currentScript) return document.currentScript;
    var scripts = document.getElementsByTagName ? document.getElementsByTagName('script') : [];
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/t\.js(\?|$)/.test(scripts[i].src || '')) return scripts[i];
    }
    return null;
  }
  var script = findScript();
  function attr(name) {
    return script && script.getAttribute ? script.getAttribute(name) : null;
  }
  var clickParam = attr('data-clickid-param') || 'clickid';
  var linkParam = attr('data-link-param') || 'link';
  var cookieDays = parseInt(attr('data-cookie-days'), 10);
  if (!(cookieDays >= 0 && cookieDays <= 3650)) cookieDays = 30;

  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }

  function parseQuery(search) {
    var out = {};
    var parts = (search || '').replace(/^\?/, '').split('&');
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      var eq = parts[i].indexOf('=');
      var k = eq < 0 ? parts[i] : parts[i].slice(0, eq);
      var v = eq < 0 ? '' : parts[i].slice(eq + 1);
      try {
        k = decodeURIComponent(k.replace(/\+/g, ' '));
        v = decodeURIComponent(v.replace(/\+/g, ' '));
      } catch (e) {
        continue;
      }
      if (!has(out, k)) out[k] = v;
    }
    return out;
  }

  function validId(v) {
    return typeof v === 'string' && ID_RE.test(v) ? v : null;
  }

  function now() {
    return new Date().getTime();
  }

  // The listener answers with what is left of the click's attribution window (the campaign's
  // cookie days from the click), so the stored click lives exactly as long as it can earn; the
  // data-cookie-days attribute covers the moment before that answer.
  function storeClickId(id, maxAge) {
    if (maxAge === undefined) maxAge = cookieDays * 86400;
    if (maxAge <= 0) {
      if (storedClickId() !== id) return;
      try {
        document.cookie = STORE_KEY + '=; Max-Age=0; Path=/';
        window.localStorage.removeItem(STORE_KEY);
      } catch (e) {}
      return;
    }
    var cookie = STORE_KEY + '=' + id + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax';
    if (window.location.protocol === 'https:') cookie += '; Secure';
    try {
      document.cookie = cookie;
    } catch (e) {}
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify({ id: id, exp: now() + maxAge * 1000 }));
    } catch (e) {}
  }

  function storedClickId() {
    var m = /(?:^|;\s*)_ad_cid=([^;]*)/.exec(document.cookie || '');
    if (m && validId(m[1])) return m[1];
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE_KEY) || 'null');
      if (saved && saved.exp > now() && validId(saved.id)) return saved.id;
    } catch (e) {}
    return null;
  }

  // 53-bit string hash (cyrb53), for the canvas image and as the fingerprint when SubtleCrypto
  // is unavailable (plain-http pages).
  var imul =
    Math.imul ||
    function (a, b) {
      var ah = (a >>> 16) & 0xffff, al = a & 0xffff, bh = (b >>> 16) & 0xffff, bl = b & 0xffff;
      return (al * bl + (((ah * bl + al * bh) << 16) >>> 0)) | 0;
    };
  function hash53(str) {
    var h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (var i = 0; i < str.length; i++) {
      var ch = str.charCodeAt(i);
      h1 = imul(h1 ^ ch, 2654435761);
      h2 = imul(h2 ^ ch, 1597334677);
    }
    h1 = imul(h1 ^ (h1 >>> 16), 2246822507) ^ imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = imul(h2 ^ (h2 >>> 16), 2246822507) ^ imul(h1 ^ (h1 >>> 13), 3266489909);
    var n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
    var hex = n.toString(16);
    while (hex.length < 14) hex = '0' + hex;
    return hex;
  }

  function canvasHash() {
    try {
      var canvas = document.createElement('canvas');
      var ctx = canvas.getContext && canvas.getContext('2d');
      if (!ctx) return '';
      canvas.width = 200;
      canvas.height = 50;
      ctx.textBaseline = 'top';
      ctx.font = '14px Arial';
      ctx.fillStyle = '#f60';
      ctx.fillRect(100, 1, 62, 20);
      ctx.fillStyle = '#069';
      ctx.fillText('AffiliateDesk, fp \ud83d\udd90', 2, 15);
      ctx.fillStyle = 'rgba(102, 204, 0, 0.7)';
      ctx.fillText('AffiliateDesk, fp \ud83d\udd90', 4, 17);
      return hash53(canvas.toDataURL());
    } catch (e) {
      return '';
    }
  }

  // Optional: GPU vendor/renderer, where the browser exposes them.
  function webglInfo() {
    try {
      var gl = document.createElement('canvas').getContext('webgl');
      if (!gl) return '';
      var ext = gl.getExtension('WEBGL_debug_renderer_info');
      return ext ? gl.getParameter(ext.UNMASKED_VENDOR_WEBGL) + '~' + gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : '';
    } catch (e) {
      return '';
    }
  }

  function timezone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  }

  function components() {
    var nav = window.navigator || {};
    var scr = window.screen || {};
    return JSON.stringify([
      nav.userAgent || '',
      nav.language || '',
      nav.platform || '',
      (scr.width || 0) + 'x' + (scr.height || 0),
      scr.colorDepth || 0,
      window.devicePixelRatio || 1,
      nav.hardwareConcurrency || 0,
      nav.deviceMemory || 0,
      timezone(),
      new Date().getTimezoneOffset(),
      canvasHash(),
      webglInfo()
    ]);
  }

  function toHex(buffer) {
    var bytes = new Uint8Array(buffer);
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return hex;
  }

  var fingerprintPromise = null;
  function fingerprint() {
    if (fingerprintPromise) return fingerprintPromise;
    var text = components();
    var subtle = window.crypto && window.crypto.subtle;
    if (subtle && typeof window.TextEncoder === 'function') {
      fingerprintPromise = Promise.resolve()
        .then(function () {
          return subtle.digest('SHA-256', new window.TextEncoder().encode(text));
        })
        .then(toHex, function () {
          return hash53(text);
        });
    } else {
      fingerprintPromise = Promise.resolve(hash53(text));
    }
    return fingerprintPromise;
  }

  // Resolves to { ok, body }; never rejects, so a tracking hiccup never breaks the host page.
  function post(path, payload) {
    var url = ENDPOINT + path;
    var body = JSON.stringify(payload);
    if (typeof window.fetch === 'function') {
      return window
        .fetch(url, {
          method: 'POST',
          body: body,
          keepalive: true,
          credentials: 'omit',
          mode: 'cors',
          headers: { 'Content-Type': 'text/plain;charset=UTF-8' }
        })
        .then(function (res) {
          if (!res || !res.ok) return { ok: false, body: null };
          return res.json().then(
            function (json) {
              return { ok: true, body: json };
            },
            function () {
              return { ok: true, body: null };
            }
          );
        })
        .then(null, function () {
          return { ok: false, body: null };
        });
    }
    var nav = window.navigator;
    if (nav && typeof nav.sendBeacon === 'function') {
      var sent = false;
      try {
        sent = nav.sendBeacon(url, body);
      } catch (e) {}
      return Promise.resolve({ ok: sent, body: null });
    }
    return Promise.resolve({ ok: false, body: null });
  }

  function trackVisit() {
    var query = parseQuery(window.location.search);
    var clickId = validId(query[clickParam]) || validId(query.clickid);
    var ref = null;
    for (var i = 0; i < REF_PARAMS.length && !ref; i++) {
      if (has(query, REF_PARAMS[i]) && query[REF_PARAMS[i]]) ref = String(query[REF_PARAMS[i]]).slice(0, 128);
    }
    var linkCode = has(query, linkParam) && query[linkParam] ? String(query[linkParam]).slice(0, 128) : null;
    if (!clickId && !ref && !linkCode) return;
    if (clickId) storeClickId(clickId);
    var subs = {};
    for (var s = 1; s <= 5; s++) {
      var v = query['sub' + s];
      if (typeof v === 'string' && v !== '' && has(query, 'sub' + s)) subs['sub' + s] = v.slice(0, MAX_SUB);
    }
    // Read before the fingerprint's await: a prerendered page may become visible meanwhile.
    var hidden = hiddenContext();
    fingerprint().then(function (fp) {
      var payload = { subs: subs, fingerprint: fp, url: String(window.location.href), referrer: document.referrer || '' };
      if (hidden) payload.hidden = true;
      if (clickId) payload.clickId = clickId;
      if (ref) payload.ref = ref;
      if (linkCode) payload.linkCode = linkCode;
      return post('/v1/track/click', payload).then(function (res) {
        var issued = res.body && validId(res.body.clickId);
        var maxAge = res.body && res.body.cookieMaxAge;
        var id = clickId || issued;
        if (id && typeof maxAge === 'number' && maxAge >= 0 && maxAge <= 3650 * 86400) storeClickId(id, maxAge);
        else if (!clickId && issued) storeClickId(issued);
      });
    });
  }

  // A visit the visitor cannot see (background tab, prerender, a zero-size frame) is how cookie
  // stuffing plants clicks; the listener records it and the fraud rules weigh it.
  function hiddenContext() {
    try {
      var state = document.visibilityState;
      if (state === 'hidden' || state === 'prerender' || document.prerendering === true) return true;
      var w = window.innerWidth;
      var h = window.innerHeight;
      if (typeof w === 'number' && typeof h === 'number' && (w < 2 || h < 2)) return true;
    } catch (e) {}
    return false;
  }

  function amountText(amount) {
    if (typeof amount === 'number') return isFinite(amount) ? String(amount) : undefined;
    return typeof amount === 'string' ? amount : undefined;
  }

  var api = {
    loaded: true,
    /** Reports a conversion with the stored click id; resolves to true if the listener accepted it. */
    conversion: function (data) {
      data = data || {};
      return fingerprint().then(function (fp) {
        var payload = { fingerprint: fp, url: String(window.location.href) };
        var clickId = storedClickId();
        if (clickId) payload.clickId = clickId;
        if (data.orderId !== undefined && data.orderId !== null) payload.orderId = String(data.orderId);
        var amount = amountText(data.amount);
        if (amount !== undefined) payload.amount = amount;
        if (typeof data.currency === 'string') payload.currency = data.currency;
        if (typeof data.email === 'string') payload.email = data.email;
        return post('/v1/track/conversion', payload).then(function (res) {
          return res.ok;
        });
      });
    },
    clickId: function () {
      return storedClickId();
    }
  };

  // Calls queued before the script loaded: window.AffiliateDesk = { q: [['conversion', [{...}]]] }.
  var queued = window.AffiliateDesk && window.AffiliateDesk.q;
  window.AffiliateDesk = api;
  try {
    trackVisit();
  } catch (e) {}
  if (queued && queued.length) {
    for (var q = 0; q < queued.length; q++) {
      var call = queued[q];
      if (call && typeof api[call[0]] === 'function' && call[0] !== 'loaded') api[call[0]].apply(api, call[1] || []);
    }
  }
})(typeof window !== 'undefined' ? window : undefined, typeof document !== 'undefined' ? document : undefined);
