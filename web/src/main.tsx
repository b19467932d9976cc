import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { parseConsoleConfig } from './config';
import './styles.css';

async function start() {
  const root = createRoot(document.getElementById('root')!);
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    const config = parseConsoleConfig(await response.json());
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    );
  } catch (error) {
    root.render(
      <main className="page">
        <h1>Không mở được giao diện cán bộ</h1>
        <p role="alert">Thiếu hoặc sai tệp cấu hình (config.json): {(error as Error).message}</p>
      </main>,
    );
  }
}

void start();
