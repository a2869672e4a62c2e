import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@qorgau/core';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useChangeLanguage } from '../auth/session.ts';
import { GlobeIcon } from '../components/icons.tsx';

/** A menu button: Enter/Space opens it, arrow keys move, Enter picks, Escape closes. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const locale = useLocale();
  const changeLanguage = useChangeLanguage();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          size="compact-md"
          data-testid="lang-switch"
          aria-label={`${t('language.label')}: ${LANGUAGE_NAMES[locale]}`}
          leftSection={<GlobeIcon />}
        >
          {LANGUAGE_NAMES[locale]}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LOCALES.map((code) => (
          <Menu.Item
            key={code}
            lang={code}
            data-testid={`lang-option-${code}`}
            aria-current={code === locale ? 'true' : undefined}
            fw={code === locale ? 700 : undefined}
            leftSection={<span aria-hidden="true">{code === locale ? '✓' : '\u2003'}</span>}
            onClick={() => void changeLanguage(code)}
          >
            {LANGUAGE_NAMES[code]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
