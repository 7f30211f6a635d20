import { type ComponentType, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { onSessionExpired } from './api.ts';
import { label, language, setLanguage, t } from './i18n.ts';
import { MyWork } from './pages/my-work.tsx';
import { beginCognitoSignIn, cognito, currentSession, devSignIn, finishCognitoSignIn, type Session, signOut } from './session.ts';

/** The route is the hash (`#/cases/…?status=…`): a page reloads where it was and every item links where the work is. */
export interface Route {
  path: string[];
  query: URLSearchParams;
}
const routeOf = (): Route => {
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return {
    path: path
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent),
    query: new URLSearchParams(query),
  };
};

/** A page in a chunk of its own, loaded when first opened. */
type PageProps = { route: Route; session: Session };
const lazyPage = (load: () => Promise<{ default: ComponentType<PageProps> }>) => {
  let loaded: ComponentType<PageProps> | undefined;
  return function LazyPage(props: PageProps) {
    const [Page, setPage] = useState(() => loaded);
    useEffect(() => {
      if (Page === undefined) void load().then((m) => setPage(() => (loaded = m.default)));
    }, [Page]);
    return Page === undefined ? <p class="muted">{t('loading')}</p> : <Page {...props} />;
  };
};
const CaseBoard = lazyPage(() => import('./pages/case-board.tsx'));
const CasePage = lazyPage(() => import('./pages/case-page.tsx'));
const TimelinePage = lazyPage(() => import('./pages/timeline.tsx'));
const AccessLog = lazyPage(() => import('./pages/access-log.tsx'));
const Sampling = lazyPage(() => import('./pages/sampling.tsx'));
const SamplingTask = lazyPage(() => import('./pages/sampling-task.tsx'));
const Dashboard = lazyPage(() => import('./pages/dashboard.tsx'));
const Alerts = lazyPage(() => import('./pages/alerts.tsx'));
const Credit = lazyPage(() => import('./pages/credit.tsx'));
const Directory = lazyPage(() => import('./pages/directory.tsx'));
const Inspections = lazyPage(() => import('./pages/inspections.tsx'));

function page(route: Route, session: Session) {
  const [first, id, sub] = route.path;
  if (first === 'cases' && id !== undefined && sub === 'timeline') return <TimelinePage route={route} session={session} />;
  if ((first === 'alerts' || first === 'credit') && sub === 'timeline') return <TimelinePage route={route} session={session} />;
  if (first === 'cases' && id !== undefined) return <CasePage route={route} session={session} />;
  if (first === 'cases') return <CaseBoard route={route} session={session} />;
  if (first === 'audit') return <AccessLog route={route} session={session} />;
  if (first === 'sampling' && id !== undefined && id !== 'new') return <SamplingTask route={route} session={session} />;
  if (first === 'sampling') return <Sampling route={route} session={session} />;
  if (first === 'dashboard') return <Dashboard route={route} session={session} />;
  if (first === 'alerts') return <Alerts route={route} session={session} />;
  if (first === 'credit' && id !== undefined) return <Credit route={route} session={session} />;
  if (first === 'directory') return <Directory route={route} session={session} />;
  if (first === 'inspections') return <Inspections route={route} session={session} />;
  return <MyWork session={session} />;
}

const NAV: { href: string; key: 'myWork' | 'cases' | 'alerts' | 'directory' | 'sampling' | 'dashboard' | 'accessLog'; roles?: string[] }[] =
  [
    { href: '#/', key: 'myWork' },
    { href: '#/cases', key: 'cases' },
    { href: '#/alerts', key: 'alerts' },
    { href: '#/directory', key: 'directory' },
    { href: '#/sampling', key: 'sampling', roles: ['supervisor', 'auditor', 'admin'] },
    { href: '#/dashboard', key: 'dashboard', roles: ['supervisor', 'auditor', 'admin'] },
    { href: '#/audit', key: 'accessLog', roles: ['auditor', 'supervisor', 'admin'] },
  ];

const ROLES = ['case-officer', 'legal-reviewer', 'supervisor', 'auditor', 'admin'];

/** Sign-in: Cognito's managed login when deployed; locally, a dev token for any person, role and agency. */
function SignIn({ onSignedIn, again }: { onSignedIn: (s: Session) => void; again?: boolean }) {
  const previous = JSON.parse(localStorage.getItem('console.lastSignIn') ?? '{}') as Record<string, string>;
  const [form, setForm] = useState({
    sub: previous.sub ?? '',
    role: previous.role ?? 'case-officer',
    agency: previous.agency ?? 'SAMR-110105',
    jurisdiction: previous.jurisdiction ?? '110105',
  });
  const [error, setError] = useState('');
  const intro = again ? <p class="warn">{t('signInAgain')}</p> : null;
  if (cognito !== undefined) {
    return (
      <div class="card signin">
        {intro}
        <button type="button" class="primary" id="sign-in" onClick={beginCognitoSignIn}>
          {t('signIn')}
        </button>
      </div>
    );
  }
  const field = (name: keyof typeof form, caption: string) => (
    <div class="field">
      <label for={`signin-${name}`}>{caption}</label>
      <input
        id={`signin-${name}`}
        required
        value={form[name]}
        onInput={(e) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value })}
      />
    </div>
  );
  return (
    <form
      class="card signin"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const session = await devSignIn(form);
          localStorage.setItem('console.lastSignIn', JSON.stringify(form));
          onSignedIn(session);
        } catch (error) {
          setError(t('signInFailed', { why: String((error as Error).message) }));
        }
      }}
    >
      <h2>{t('devSignIn')}</h2>
      {intro}
      {field('sub', t('personId'))}
      <div class="field">
        <label for="signin-role">{t('role')}</label>
        <select
          id="signin-role"
          value={form.role}
          onChange={(e) => setForm({ ...form, role: (e.currentTarget as HTMLSelectElement).value })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {label('role', r)}
            </option>
          ))}
        </select>
      </div>
      {field('agency', t('agency'))}
      {field('jurisdiction', t('jurisdiction'))}
      {error === '' ? null : (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary">
        {t('signIn')}
      </button>
    </form>
  );
}

function App() {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  const [route, setRoute] = useState(routeOf);
  const [, setLang] = useState(language());
  const [reauth, setReauth] = useState<(() => void) | undefined>(undefined);
  useEffect(() => {
    const onHash = () => setRoute(routeOf());
    addEventListener('hashchange', onHash);
    void finishCognitoSignIn().then((s) => s && setSession(s));
    // A 401 opens the sign-in over the page (nothing typed is lost) and the call waits for it.
    onSessionExpired(() => new Promise<void>((resolve) => setReauth(() => resolve)));
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const switchLanguage = () => {
    setLanguage(language() === 'zh' ? 'en' : 'zh');
    document.title = t('title');
    setLang(language());
  };
  const header = (
    <header class="bar">
      <a class="brand" href="#/">
        {t('title')}
      </a>
      {session === null ? null : (
        <nav aria-label={t('title')}>
          {NAV.filter((n) => n.roles === undefined || n.roles.some((r) => session.roles.includes(r))).map((n) => (
            <a
              key={n.href}
              href={n.href}
              aria-current={(n.href === '#/' ? route.path.length === 0 : location.hash.startsWith(n.href)) ? 'page' : undefined}
            >
              {t(n.key)}
            </a>
          ))}
        </nav>
      )}
      <span class="who">
        {session === null ? null : (
          <>
            {session.sub} · {session.roles.map((r) => label('role', r)).join('、')}{' '}
            <button
              type="button"
              class="link"
              onClick={() => {
                signOut();
                setSession(null);
              }}
            >
              {t('signOut')}
            </button>
          </>
        )}
        <button
          type="button"
          class="link"
          id="lang"
          lang={language() === 'zh' ? 'en' : 'zh-CN'}
          title={t('languageLabel')}
          onClick={switchLanguage}
        >
          {t('language')}
        </button>
      </span>
    </header>
  );
  return (
    <>
      {header}
      {/* Keyed by the address: following a link, even to the page already open, draws it afresh from the API. */}
      <main id="main" key={location.hash}>
        {session === null ? <SignIn onSignedIn={setSession} /> : page(route, session)}
      </main>
      {reauth === undefined ? null : (
        <div class="overlay" role="dialog" aria-modal="true" aria-label={t('signIn')}>
          <SignIn
            again
            onSignedIn={(s) => {
              setSession(s);
              setReauth(undefined);
              reauth();
            }}
          />
        </div>
      )}
    </>
  );
}

document.documentElement.lang = language() === 'zh' ? 'zh-CN' : 'en';
document.title = t('title');
const root = document.getElementById('root') as HTMLElement;
root.replaceChildren(); // the shell's "loading" line
render(<App />, root);
