// Sign-in: server address (prefilled), login and password, a demo hint, and a plain Russian message for each error code.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../shared/index.js';
import { LANGUAGES, setLanguage } from '../i18n/index.js';
import { consoleStore, useConsole } from './store-access.js';
import { useLanguage } from './use-language.js';

/** The address as typed, without trailing slashes; saved only when it changed. */
async function chooseServer(url: string): Promise<void> {
  const trimmed = url.trim().replace(/\/+$/, '');
  const state = consoleStore.getState();
  if (trimmed !== state.serverUrl) await state.setServerUrl(trimmed);
}

function messageKey(code: string): ErrorCode | 'NETWORK' | 'UNKNOWN' {
  if ((ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  return code === 'NETWORK' ? 'NETWORK' : 'UNKNOWN';
}

export function LoginScreen() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const storedServer = useConsole((s) => s.serverUrl);
  const [server, setServer] = useState(storedServer);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; detail: string } | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await chooseServer(server);
      const result = await consoleStore.getState().login(login.trim(), password);
      if (!result.ok) setError({ code: result.code, detail: result.message });
    } catch (e) {
      // no server answered at all (NetworkError): no route, wrong address, link down
      setError({ code: 'NETWORK', detail: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <form
        className="login-card"
        data-testid="login-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">О</span>
          <div>
            <h1>{t('login.title')}</h1>
            <p className="muted">{t('login.subtitle')}</p>
          </div>
        </div>
        <label className="field">
          <span>{t('login.server')}</span>
          <input
            type="url"
            value={server}
            onChange={(e) => setServer(e.target.value)}
            required
            spellCheck={false}
            autoComplete="url"
            data-testid="login-server"
          />
          <small className="muted">{t('login.serverHint')}</small>
        </label>
        <label className="field">
          <span>{t('login.login')}</span>
          <input value={login} onChange={(e) => setLogin(e.target.value)} required autoFocus autoComplete="username" spellCheck={false} data-testid="login-login" />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" data-testid="login-password" />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error" data-code={error.code} title={error.detail}>
            {t(`errors.${messageKey(error.code)}`)}
          </p>
        )}
        <button type="submit" className="primary-button login-submit" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="login-hint" data-testid="demo-hint">{t('login.demoHint')}</p>
        <p className="muted small">{t('login.offlineHint')}</p>
        <div className="login-language">
          {LANGUAGES.map((l) => (
            <button key={l} type="button" className={`link-button${l === lang ? ' is-active' : ''}`} aria-pressed={l === lang} onClick={() => setLanguage(l)}>
              {t(`language.${l}`)}
            </button>
          ))}
        </div>
      </form>
    </div>
  );
}
