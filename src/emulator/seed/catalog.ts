// The fixed parts of the emulated CSP: the organization roles every org has and the services an
// org can be entitled to. Ids and role names of the first two services are real (csp-api.md §2.3);
// the others follow the same conventions.

/** An organization role every org offers. */
export interface OrgRoleDefinition {
  name: string
  displayName: string
  /** One of owner/admin/member: every member holds exactly one base role. */
  base: boolean
}

/**
 * The organization roles. `org_admin`'s display name and the managed-service-provider role's name
 * are [I]; the others are documented.
 */
export const ORG_ROLES: readonly OrgRoleDefinition[] = [
  { name: 'org_owner', displayName: 'Organization Owner', base: true },
  { name: 'org_admin', displayName: 'Organization Administrator', base: true },
  { name: 'org_member', displayName: 'Organization Member', base: true },
  { name: 'support_user', displayName: 'Support User', base: false },
  { name: 'developer', displayName: 'Developer', base: false },
  { name: 'msp_admin', displayName: 'Managed Service Provider Administrator', base: false },
]

/** Roles that may write (invite, revoke, remove). */
export const WRITER_ROLES = ['org_owner', 'org_admin'] as const

/** The role given when an invitation names no base role. */
export const DEFAULT_BASE_ROLE = 'org_member'

/** A role of a service. */
export interface ServiceRoleSpec {
  name: string
  displayName: string
  description: string
  isDefault?: boolean
}

/** A service an organization can be entitled to. */
export interface ServiceSpec {
  id: string
  name: string
  displayName: string
  productIdentifier: string
  description: string
  serviceHome: string
  roles: readonly ServiceRoleSpec[]
}

/** Every service the emulator knows. */
export const SERVICES: readonly ServiceSpec[] = [
  {
    id: 'ybUdoTC05kYFC9ZG560kpsn0I8M_',
    name: 'vmc',
    displayName: 'VMware Cloud on AWS',
    productIdentifier: 'VMC',
    description: 'Software-defined data centers on AWS infrastructure.',
    serviceHome: 'https://vmc.vmware.com',
    roles: [
      {
        name: 'vmc-user:full',
        displayName: 'Administrator',
        description: 'Full access to VMware Cloud on AWS.',
        isDefault: true,
      },
      { name: 'nsx:cloud_admin', displayName: 'NSX Cloud Admin', description: 'Manages NSX networking.' },
      {
        name: 'nsx:cloud_auditor',
        displayName: 'NSX Cloud Auditor',
        description: 'Reads NSX networking.',
      },
    ],
  },
  {
    id: 'Zy924mE3dwn2ASyVZR0Nn7lupeA_',
    name: 'cloud-assembly',
    displayName: 'Cloud Assembly',
    productIdentifier: 'CAS',
    description: 'Blueprints and deployments across clouds.',
    serviceHome: 'https://www.mgmt.cloud.vmware.com/automation-ui',
    roles: [
      {
        name: 'automationservice:user',
        displayName: 'Cloud Assembly User',
        description: 'Deploys blueprints.',
        isDefault: true,
      },
      {
        name: 'automationservice:cloud_admin',
        displayName: 'Cloud Assembly Administrator',
        description: 'Administers Cloud Assembly.',
      },
      {
        name: 'automationservice:manager',
        displayName: 'Cloud Assembly Viewer',
        description: 'Reads Cloud Assembly.',
      },
    ],
  },
  {
    id: 'dEr0mqJ8nPLBcpTgGk3QxyDh5sW_',
    name: 'tmc',
    displayName: 'Tanzu Mission Control',
    productIdentifier: 'TMC',
    description: 'Kubernetes fleet management.',
    serviceHome: 'https://tmc.cloud.vmware.com',
    roles: [
      { name: 'tmc:admin', displayName: 'Admin', description: 'Manages every cluster.' },
      { name: 'tmc:member', displayName: 'Member', description: 'Uses assigned clusters.', isDefault: true },
    ],
  },
  {
    id: 'Lo9IqV2hRt0aWk6sYbFn1MzcXeU_',
    name: 'log-intelligence',
    displayName: 'vRealize Log Insight Cloud',
    productIdentifier: 'LINT',
    description: 'Log analytics for clouds and applications.',
    serviceHome: 'https://www.mgmt.cloud.vmware.com/li',
    roles: [
      {
        name: 'log-intelligence:admin',
        displayName: 'Administrator',
        description: 'Configures log sources.',
      },
      {
        name: 'log-intelligence:user',
        displayName: 'User',
        description: 'Searches logs.',
        isDefault: true,
      },
    ],
  },
  {
    id: 'Vc4RzNf7hQs2pLmB8xKdYtgE0wA_',
    name: 'vcdr',
    displayName: 'VMware Cloud Disaster Recovery',
    productIdentifier: 'VCDR',
    description: 'On-demand disaster recovery.',
    serviceHome: 'https://vcdr.vmware.com',
    roles: [
      { name: 'vcdr:admin', displayName: 'Administrator', description: 'Runs recovery plans.' },
      { name: 'vcdr:auditor', displayName: 'Auditor', description: 'Reads recovery plans.', isDefault: true },
    ],
  },
]

const SERVICES_BY_ID = new Map(SERVICES.map((service) => [service.id, service]))

/** The service with this id, if the emulator knows it. */
export function serviceById(id: string): ServiceSpec | undefined {
  return SERVICES_BY_ID.get(id)
}

/** The organization role with this name, if it exists. */
export function orgRoleByName(name: string): OrgRoleDefinition | undefined {
  return ORG_ROLES.find((role) => role.name === name)
}
