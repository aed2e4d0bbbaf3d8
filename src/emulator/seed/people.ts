// The people of the demo seed: a believable org with a few dozen members (several names starting
// with A, for `Get-VcsUser -Name 'A*'`), invitees in every state, and accounts outside the org.

/** A demo member: names, org roles, service roles (by role name) and groups (by group key). */
export interface DemoPerson {
  firstName: string
  lastName: string
  orgRoles: string[]
  serviceRoles?: string[]
  groups?: string[]
  /** Which credential this person's API token is: owner, admin or member. */
  credential?: 'owner' | 'admin' | 'member'
}

/** The demo org's groups: key, display name, description. */
export const DEMO_GROUPS: ReadonlyArray<{ key: string; displayName: string; description: string }> = [
  {
    key: 'platform',
    displayName: 'Platform Engineering',
    description: 'Builds and runs the shared platform.',
  },
  { key: 'finance', displayName: 'Finance', description: 'Billing and cost reports.' },
  { key: 'security', displayName: 'Security Auditors', description: 'Read-only access for audits.' },
  { key: 'contractors', displayName: 'Contractors', description: 'External staff on fixed-term projects.' },
  { key: 'sre', displayName: 'SRE On-Call', description: 'The on-call rotation.' },
]

const member = ['org_member']

/** Members of the demo org, in list order. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    firstName: 'Ava',
    lastName: 'Thompson',
    orgRoles: ['org_owner'],
    serviceRoles: ['vmc-user:full', 'automationservice:cloud_admin'],
    credential: 'owner',
  },
  {
    firstName: 'Adrian',
    lastName: 'Kowalski',
    orgRoles: ['org_admin'],
    serviceRoles: ['vmc-user:full'],
    groups: ['platform'],
    credential: 'admin',
  },
  {
    firstName: 'Maya',
    lastName: 'Patel',
    orgRoles: member,
    serviceRoles: ['automationservice:user'],
    groups: ['platform'],
    credential: 'member',
  },
  {
    firstName: 'Aaron',
    lastName: 'Mitchell',
    orgRoles: ['org_member', 'developer'],
    serviceRoles: ['automationservice:user', 'tmc:member'],
    groups: ['platform'],
  },
  {
    firstName: 'Abigail',
    lastName: 'Chen',
    orgRoles: member,
    serviceRoles: ['nsx:cloud_auditor'],
    groups: ['security'],
  },
  {
    firstName: 'Aisha',
    lastName: 'Rahman',
    orgRoles: ['org_admin'],
    serviceRoles: ['log-intelligence:admin'],
  },
  { firstName: 'Alan', lastName: 'Brooks', orgRoles: ['org_member', 'support_user'] },
  {
    firstName: 'Alice',
    lastName: 'Nguyen',
    orgRoles: member,
    serviceRoles: ['tmc:admin'],
    groups: ['platform'],
  },
  { firstName: 'Amelia', lastName: 'Garcia', orgRoles: member, serviceRoles: ['automationservice:user'] },
  { firstName: 'Andre', lastName: 'Dubois', orgRoles: ['org_member', 'developer'], groups: ['platform'] },
  {
    firstName: 'Benjamin',
    lastName: 'Carter',
    orgRoles: member,
    serviceRoles: ['vmc-user:full'],
    groups: ['sre'],
  },
  { firstName: 'Chloe', lastName: 'Martin', orgRoles: member },
  {
    firstName: 'Daniel',
    lastName: 'Okafor',
    orgRoles: ['org_owner'],
    serviceRoles: ['vmc-user:full'],
    groups: ['sre'],
  },
  { firstName: 'Elena', lastName: 'Rossi', orgRoles: member, serviceRoles: ['log-intelligence:user'] },
  { firstName: 'Ethan', lastName: 'Walker', orgRoles: member },
  { firstName: 'Fatima', lastName: 'Haddad', orgRoles: ['org_member', 'developer'] },
  { firstName: 'Gabriel', lastName: 'Silva', orgRoles: member, groups: ['contractors'] },
  {
    firstName: 'Hannah',
    lastName: 'Schmidt',
    orgRoles: member,
    serviceRoles: ['vcdr:admin'],
    groups: ['sre'],
  },
  { firstName: 'Isaac', lastName: 'Levi', orgRoles: member },
  {
    firstName: 'Julia',
    lastName: 'Novak',
    orgRoles: member,
    serviceRoles: ['automationservice:manager'],
    groups: ['security'],
  },
  {
    firstName: 'Kenji',
    lastName: 'Tanaka',
    orgRoles: ['org_member', 'developer'],
    serviceRoles: ['tmc:member'],
  },
  { firstName: 'Laura', lastName: 'Bennett', orgRoles: member, groups: ['finance'] },
  {
    firstName: 'Lucas',
    lastName: 'Moreau',
    orgRoles: member,
    serviceRoles: ['nsx:cloud_admin'],
    groups: ['platform'],
  },
  { firstName: 'Mei', lastName: 'Lin', orgRoles: member, groups: ['sre'] },
  { firstName: 'Nathan', lastName: 'Hughes', orgRoles: ['org_member', 'support_user'] },
  { firstName: 'Olivia', lastName: 'Clarke', orgRoles: member, groups: ['finance'] },
  { firstName: 'Priya', lastName: 'Sharma', orgRoles: member, serviceRoles: ['automationservice:user'] },
  { firstName: 'Rafael', lastName: 'Costa', orgRoles: member },
  { firstName: 'Sofia', lastName: 'Andersson', orgRoles: member, serviceRoles: ['log-intelligence:user'] },
  {
    firstName: 'Thomas',
    lastName: 'Weber',
    orgRoles: member,
    serviceRoles: ['vcdr:auditor'],
    groups: ['security'],
  },
  { firstName: 'Valentina', lastName: 'Ruiz', orgRoles: member },
  { firstName: 'William', lastName: 'Foster', orgRoles: ['org_member', 'msp_admin'] },
  { firstName: 'Yusuf', lastName: 'Demir', orgRoles: member, groups: ['contractors'] },
  { firstName: 'Zoe', lastName: 'Campbell', orgRoles: member },
]

/** Demo invitations: who, in which state. Redeemed ones belong to members above. */
export const DEMO_INVITATIONS: ReadonlyArray<{
  email: string
  state: 'pending' | 'expired' | 'revoked' | 'redeemed'
  orgRoles: string[]
  serviceRoles?: string[]
  groups?: string[]
}> = [
  { email: 'samuel.reid@demo.example', state: 'pending', orgRoles: member, serviceRoles: ['vmc-user:full'] },
  {
    email: 'grace.kim@demo.example',
    state: 'pending',
    orgRoles: ['org_member', 'developer'],
    groups: ['platform'],
  },
  { email: 'alex.turner@demo.example', state: 'pending', orgRoles: member },
  { email: 'oscar.lindqvist@demo.example', state: 'expired', orgRoles: member },
  { email: 'nina.petrova@demo.example', state: 'expired', orgRoles: member, serviceRoles: ['tmc:member'] },
  { email: 'victor.hale@demo.example', state: 'revoked', orgRoles: member },
  { email: 'irene.walsh@demo.example', state: 'revoked', orgRoles: ['org_admin'] },
  { email: 'olivia.clarke@demo.example', state: 'redeemed', orgRoles: member, groups: ['finance'] },
  { email: 'rafael.costa@demo.example', state: 'redeemed', orgRoles: member },
]

/** CSP accounts that exist outside the demo org: inviting them adds them at once. */
export const OUTSIDE_ACCOUNTS: ReadonlyArray<{ firstName: string; lastName: string; email: string }> = [
  { firstName: 'Liam', lastName: "O'Connor", email: 'liam.oconnor@partner.example' },
  { firstName: 'Emma', lastName: 'Johansson', email: 'emma.johansson@partner.example' },
]

/** The second org's people: its owner first. */
export const OTHER_ORG_PEOPLE: ReadonlyArray<{ firstName: string; lastName: string; orgRoles: string[] }> = [
  { firstName: 'Noah', lastName: 'Fischer', orgRoles: ['org_owner'] },
  { firstName: 'Clara', lastName: 'Jensen', orgRoles: member },
  { firstName: 'Arjun', lastName: 'Mehta', orgRoles: member },
]

/** First names for generated users. */
export const FIRST_NAMES = (
  'Aaliyah Aaron Abel Ada Adam Adele Aiden Alba Alex Alma Amir Ana Anders Anika Anton Aria Arthur Astrid ' +
  'Beatriz Bianca Boris Bruno Caleb Camila Carlos Carmen Cecilia Dario David Diana Dmitri Eden Elif Elias ' +
  'Elsa Emil Erik Esther Felix Freya Georg Hana Hugo Ida Ines Ivan Jack Jonas Josefine Kai Karin Leo Lina ' +
  'Luca Lucia Marco Maria Mateo Mila Nadia Nico Nora Omar Oskar Paula Pedro Quinn Rosa Ruben Sara Simon ' +
  'Tariq Tess Theo Uma Vera Viktor Wanda Xavier Yara Yuki Zara Zeynep'
).split(' ')

/** Last names for generated users. */
export const LAST_NAMES = (
  'Abbott Achebe Adler Aguilar Ahmed Albers Alvarez Arnold Baker Bauer Becker Berg Blanc Bose Brandt ' +
  'Castillo Cohen Cruz Dahl Diaz Eriksen Evans Farah Fernandes Fischer Ford Gallo Gomez Gupta Hall Hansen ' +
  'Hoffmann Ibrahim Ito Jansen Jones Kaur Keller Kim Klein Kovacs Kruger Lambert Larsen Lee Lopez Maier ' +
  'Meyer Moreno Murphy Nakamura Nielsen Oliveira Olsen Ortiz Park Perez Petersen Quinn Ramos Reyes Roth ' +
  'Russo Santos Sato Schneider Singh Sousa Stein Suzuki Torres Vargas Vogel Wagner Wang Wolf Yamamoto Young Zimmermann'
).split(' ')
