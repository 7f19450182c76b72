// The workflow's starting data for a region: SLA settings from domain.md and realistic answer templates; routing rules when given.
import {
  CATEGORIES,
  FAST_TRACK_DEFAULT_DAYS,
  INCIDENT_DEFAULT_WORKING_DAYS,
  type AnswerTemplate,
  type Category,
  type Region,
  type RoutingRule,
} from '../../shared/index.js';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { routingRuleToRow, templateToRow } from '../store/workflow-rows.js';

type TemplateSeed = [key: string, category: Category | null, title: string, reportsWork: boolean, body: string];

/** Typical answers of a municipal administration; each is a start the operator edits, never the answer as is. */
const TEMPLATES: TemplateSeed[] = [
  ['received', null, 'Обращение принято в работу', false,
    '{{citizen_name}}, здравствуйте! Ваше обращение № {{appeal_number}} от {{received_date}} принято в работу. Ответ будет дан до {{due_date}}.'],
  ['redirected', null, 'Передано по компетенции', false,
    '{{citizen_name}}, здравствуйте! Вопрос по адресу {{address}} относится к ведению другой организации. Обращение № {{appeal_number}} передано туда {{today}}, ответ вы получите от неё.'],
  ['roads-done', 'roads', 'Ямочный ремонт выполнен', true,
    '{{citizen_name}}, здравствуйте! По адресу {{address}} выполнен ямочный ремонт покрытия. Фото до и после работ прилагаем. Спасибо, что сообщили о проблеме.'],
  ['roads-plan', 'roads', 'Ремонт дороги включён в план', false,
    '{{citizen_name}}, здравствуйте! Участок по адресу {{address}} обследован и включён в план ремонта на текущий сезон. Подрядчик приступит к работам до {{due_date}}.'],
  ['waste-done', 'waste', 'Мусор вывезен', true,
    '{{citizen_name}}, здравствуйте! Региональный оператор вывез отходы с площадки по адресу {{address}}, площадка убрана. Фото прилагаем. График вывоза взят на контроль.'],
  ['housing-heating', 'housing', 'Отопление восстановлено', true,
    '{{citizen_name}}, здравствуйте! Управляющая компания устранила неисправность системы отопления по адресу {{address}}, подача тепла восстановлена. Фото работ прилагаем.'],
  ['housing-check', 'housing', 'Проверка управляющей компании', false,
    '{{citizen_name}}, здравствуйте! По вашему обращению № {{appeal_number}} {{organisation}} направила запрос в управляющую компанию и проверит выполнение работ по адресу {{address}} до {{due_date}}.'],
  ['improvement-light', 'improvement', 'Освещение восстановлено', true,
    '{{citizen_name}}, здравствуйте! Неисправный светильник по адресу {{address}} заменён, освещение работает. Фото прилагаем.'],
  ['improvement-playground', 'improvement', 'Детская площадка отремонтирована', true,
    '{{citizen_name}}, здравствуйте! Повреждённое оборудование детской площадки по адресу {{address}} отремонтировано, площадка безопасна. Фото до и после прилагаем.'],
  ['ecology-animals', 'ecology', 'Отлов безнадзорных животных', false,
    '{{citizen_name}}, здравствуйте! Заявка на отлов безнадзорных животных по адресу {{address}} передана подрядной организации, выезд запланирован до {{due_date}}.'],
  ['health-clinic', 'health', 'Запись к врачу', false,
    '{{citizen_name}}, здравствуйте! По обращению № {{appeal_number}} с вами свяжутся из поликлиники и помогут записаться на приём. Если звонка не будет до {{due_date}}, сообщите нам.'],
];

/** Region settings, fast-track days per category and the templates above, for a region that has none yet. */
export async function insertWorkflowDefaults(db: Kysely<Database>, region: Region, now: string): Promise<void> {
  await db
    .insertInto('region_settings')
    .values({ region_id: region.id, calendar_region_code: null, incident_resolution_working_days: INCIDENT_DEFAULT_WORKING_DAYS })
    .execute();
  await db
    .insertInto('category_settings')
    .values(CATEGORIES.map((category) => ({ region_id: region.id, category, fast_track_days: FAST_TRACK_DEFAULT_DAYS[category] })))
    .execute();
  const templates: AnswerTemplate[] = TEMPLATES.map(([key, category, title, reportsWork, body]) => ({
    id: `tpl-${region.id}-${key}`,
    regionId: region.id,
    organisationId: null,
    category,
    title,
    body,
    reportsWork,
    updatedAt: now,
  }));
  await db.insertInto('answer_templates').values(templates.map(templateToRow)).execute();
}

export async function insertRoutingRules(db: Kysely<Database>, rules: RoutingRule[]): Promise<void> {
  if (rules.length > 0) await db.insertInto('routing_rules').values(rules.map(routingRuleToRow)).execute();
}
