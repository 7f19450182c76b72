// The demo region's organisations and staff, with the documented demo logins (password «demo» for all).
import type { Organisation, Role } from '../../shared/index.js';
import { MUNICIPALITY_IDS, REGION } from './directory.js';
import type { DemoUser } from './types.js';

export const DEMO_PASSWORD = 'demo';

export const ORG_IDS = {
  city: 'org-adm-zarechensk',
  kamenogorsk: 'org-adm-kamenogorsk',
  berezovsky: 'org-adm-berezovsky',
  ozerny: 'org-adm-ozerny',
  housingMinistry: 'org-min-zhkh',
  healthMinistry: 'org-min-zdrav',
  utility: 'org-mup-zks',
  centre: 'org-cur',
} as const;

const org = (
  id: string, municipalityId: string | null, name: string, prefix: string, signature: string, answerReview: boolean,
): Organisation => ({ id, regionId: REGION.id, municipalityId, name, prefix, signature, timezone: REGION.timezone, answerReview });

export const ORGANISATIONS: Organisation[] = [
  org(ORG_IDS.city, MUNICIPALITY_IDS.city, 'Администрация города Зареченска', 'ЗРЧ', 'Ответ администрации города Зареченска', true),
  org(ORG_IDS.kamenogorsk, MUNICIPALITY_IDS.kamenogorsk, 'Администрация Каменногорского муниципального округа', 'КМН', 'Ответ администрации Каменногорского округа', false),
  org(ORG_IDS.berezovsky, MUNICIPALITY_IDS.berezovsky, 'Администрация Берёзовского муниципального района', 'БРЗ', 'Ответ администрации Берёзовского района', false),
  org(ORG_IDS.ozerny, MUNICIPALITY_IDS.ozerny, 'Администрация Озёрного муниципального района', 'ОЗР', 'Ответ администрации Озёрного района', true),
  org(ORG_IDS.housingMinistry, null, 'Министерство жилищно-коммунального хозяйства Заречной области', 'МЖКХ', 'Ответ Министерства ЖКХ Заречной области', true),
  org(ORG_IDS.healthMinistry, null, 'Министерство здравоохранения Заречной области', 'МЗО', 'Ответ Министерства здравоохранения Заречной области', true),
  org(ORG_IDS.utility, MUNICIPALITY_IDS.city, 'МУП «Зареченские коммунальные системы»', 'ЗКС', 'Ответ МУП «Зареченские коммунальные системы»', false),
  org(ORG_IDS.centre, null, 'ГКУ «Центр управления регионом Заречной области»', 'ЦУР', 'Ответ Центра управления регионом', false),
];

/** The municipal administration responsible for each municipality. */
export const ADMINISTRATION_OF: Record<string, string> = {
  [MUNICIPALITY_IDS.city]: ORG_IDS.city,
  [MUNICIPALITY_IDS.kamenogorsk]: ORG_IDS.kamenogorsk,
  [MUNICIPALITY_IDS.berezovsky]: ORG_IDS.berezovsky,
  [MUNICIPALITY_IDS.ozerny]: ORG_IDS.ozerny,
};

type StaffRow = [login: string, role: Role, organisationId: string, displayName: string];

const STAFF: StaffRow[] = [
  ['operator1', 'operator', ORG_IDS.city, 'Смирнова Ольга Викторовна'],
  ['operator2', 'operator', ORG_IDS.city, 'Кузнецов Андрей Сергеевич'],
  ['operator3', 'operator', ORG_IDS.kamenogorsk, 'Попова Елена Николаевна'],
  ['operator4', 'operator', ORG_IDS.berezovsky, 'Васильева Татьяна Ивановна'],
  ['operator5', 'operator', ORG_IDS.ozerny, 'Соколов Дмитрий Александрович'],
  ['operator6', 'operator', ORG_IDS.housingMinistry, 'Михайлова Наталья Петровна'],
  ['operator7', 'operator', ORG_IDS.healthMinistry, 'Новикова Ирина Владимировна'],
  ['operator8', 'operator', ORG_IDS.utility, 'Фёдоров Павел Игоревич'],
  ['operator9', 'operator', ORG_IDS.centre, 'Морозова Анна Сергеевна'],
  ['operator10', 'operator', ORG_IDS.kamenogorsk, 'Гайнуллин Ринат Маратович'],
  ['hotline1', 'hotline', ORG_IDS.city, 'Волкова Светлана Юрьевна'],
  ['hotline2', 'hotline', ORG_IDS.centre, 'Алексеев Максим Олегович'],
  ['field1', 'field', ORG_IDS.city, 'Лебедев Сергей Николаевич'],
  ['field2', 'field', ORG_IDS.kamenogorsk, 'Семёнов Алексей Викторович'],
  ['field3', 'field', ORG_IDS.utility, 'Егоров Игорь Петрович'],
  ['field4', 'field', ORG_IDS.berezovsky, 'Павлов Николай Иванович'],
  ['supervisor1', 'supervisor', ORG_IDS.centre, 'Козлова Марина Александровна'],
  ['admin1', 'admin', ORG_IDS.centre, 'Степанов Виктор Геннадьевич'],
];

export const DEMO_USERS: DemoUser[] = STAFF.map(([login, role, organisationId, displayName]) => ({
  id: `u-${login}`,
  login,
  displayName,
  role,
  organisationId,
  regionId: REGION.id,
  disabled: false,
  password: DEMO_PASSWORD,
}));

export interface DemoLogin {
  login: string;
  password: string;
  role: Role;
  organisation: string;
}

const orgName = new Map(ORGANISATIONS.map((o) => [o.id, o.name]));

/** For the README: who can log in to the demo and as what. */
export const DEMO_LOGINS: readonly DemoLogin[] = DEMO_USERS.map((u) => ({
  login: u.login,
  password: u.password,
  role: u.role,
  organisation: orgName.get(u.organisationId) ?? u.organisationId,
}));
