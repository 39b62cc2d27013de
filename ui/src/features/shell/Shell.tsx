/**
 * The signed-in frame: header (city, user and role, where the data lives, language, sign-out), the
 * left navigation filtered by the session's actions, and the current area.
 */
import {
  AppShell,
  Badge,
  Button,
  Group,
  NavLink,
  Stack,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { AppStatus } from '../../bindings/AppStatus';
import type { SessionDto } from '../../bindings/SessionDto';
import { useErrorText } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PlaceholderPage } from '../../components/PlaceholderPage';
import { visibleAreas, type AreaId } from '../../roles';
import { useSessionTransitions } from '../../session';
import { CalendarPage } from '../calendar/CalendarPage';
import { CertificatesPage } from '../certificates/CertificatesPage';
import { CorrespondencePage } from '../correspondence/CorrespondencePage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { IntakePage } from '../intake/IntakePage';
import { SettingsPage } from '../settings/SettingsPage';
import { SettlementPage } from '../settlement/SettlementPage';

type Props = { status: AppStatus; session: SessionDto };

export function Shell({ status, session }: Props) {
  const { t } = useTranslation();
  const areas = visibleAreas(session.actions);
  const [area, setArea] = useState<AreaId>('dashboard');
  // If the role changed under us, never keep showing an area it may not see.
  const current = areas.some((a) => a.id === area) ? area : 'dashboard';

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 232, breakpoint: 0 }} padding="lg">
      <a href="#main-content" className="kofu-skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Header status={status} session={session} />
      </AppShell.Header>

      <AppShell.Navbar p="xs" bg="gray.0">
        <nav aria-label={t('nav.label')}>
          <Stack gap={2}>
            {areas.map(({ id }) => (
              <NavLink
                key={id}
                component="button"
                type="button"
                label={t(`nav.${id}`)}
                active={id === current}
                aria-current={id === current ? 'page' : undefined}
                onClick={() => setArea(id)}
                variant="filled"
                fw={id === current ? 700 : 400}
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                data-testid={`nav-${id}`}
              />
            ))}
          </Stack>
        </nav>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" bg="gray.0" tabIndex={-1} style={{ outline: 'none' }}>
        <AreaPage area={current} session={session} />
      </AppShell.Main>
    </AppShell>
  );
}

function AreaPage({ area, session }: { area: AreaId; session: SessionDto }) {
  const { t } = useTranslation();
  switch (area) {
    case 'dashboard':
      return <DashboardPage />;
    case 'calendar':
      return <CalendarPage />;
    case 'certificates':
      return <CertificatesPage user={session.user} allowed={session.actions} />;
    case 'reconciliation':
      return <IntakePage allowed={session.actions} />;
    case 'settlement':
      return <SettlementPage allowed={session.actions} />;
    case 'correspondence':
      return <CorrespondencePage allowed={session.actions} />;
    case 'settings':
      return <SettingsPage allowed={session.actions} />;
    default:
      return <PlaceholderPage area={t(`nav.${area}`)} />;
  }
}

function Header({ status, session }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const transitions = useSessionTransitions();
  const { user } = session;
  const logout = useMutation({
    mutationFn: api.logout,
    onSuccess: () => transitions.signedOut(),
    onError: (error) => notifications.show({ color: 'red', message: errorText(error) }),
  });

  const { database } = status;
  const databaseLabel =
    database.kind === 'local'
      ? t('header.dbLocal')
      : t('header.dbShared', { location: database.location });

  return (
    <Group h="100%" px="lg" justify="space-between" wrap="nowrap" gap="md">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text component="h1" fw={700} size="lg" c="civic.9" truncate data-testid="header-municipality">
          {session.municipality_name ?? t('app.name')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('app.name')}・{t('app.productLine')}
        </Text>
      </Stack>

      <Group gap="md" wrap="nowrap">
        {status.demo && (
          <Badge color="orange" variant="light" radius="sm">
            {t('header.demo')}
          </Badge>
        )}
        <Tooltip label={database.location} withArrow disabled={!database.location}>
          <Badge
            variant="outline"
            color={database.kind === 'local' ? 'gray' : 'civic'}
            radius="sm"
            tt="none"
            data-testid="header-database"
          >
            <VisuallyHidden>{t('header.dbLabel')}: </VisuallyHidden>
            {databaseLabel}
          </Badge>
        </Tooltip>
        <Text size="sm" fw={700} data-testid="header-user">
          {t('header.user', { name: user.display_name, role: t(`role.${user.role}`) })}
        </Text>
        <LanguageSwitch />
        <Button
          variant="default"
          size="xs"
          onClick={() => logout.mutate()}
          loading={logout.isPending}
          data-testid="logout"
        >
          {t('header.logout')}
        </Button>
      </Group>
    </Group>
  );
}
