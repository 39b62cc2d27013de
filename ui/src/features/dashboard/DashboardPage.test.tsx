import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dashboard, deadlinesPanel, session, status } from '../../test/fixtures';
import { renderApp, unexpected } from '../../test/render';

describe('dashboard', () => {
  it("greets the user with the core's date and shows the municipality profile", async () => {
    renderApp((cmd) => {
      if (cmd === 'app_status') return status({ session: session('clerk') });
      if (cmd === 'dashboard') return dashboard('clerk');
      if (cmd === 'deadlines_panel') return deadlinesPanel();
      return unexpected(cmd);
    });

    expect(await screen.findByTestId('dashboard-greeting')).toHaveTextContent('田中 一郎さん、こんにちは');
    expect(screen.getByTestId('dashboard-today')).toHaveTextContent('2026年11月26日(木)');
    const profile = screen.getByTestId('dashboard-profile');
    expect(profile).toHaveTextContent('121002');
    expect(profile).toHaveTextContent('千葉市長 神谷 俊一');
    expect(profile).toHaveTextContent('〒260-8722 千葉県千葉市中央区千葉港1番1号');
    expect(screen.getByTestId('dashboard-contact-phone')).toHaveTextContent('043-245-5000');
    expect(screen.getByTestId('deadlines-panel')).toHaveTextContent('今月の期限');
  });
});
