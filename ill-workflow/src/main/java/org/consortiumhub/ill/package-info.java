/**
 * Inter-library loan and document delivery between members: the request model, the ISO 18626 requester and
 * supplier state models kept as data, the lending rota, SLA timers, copyright rules and ISO 18626 message mapping.
 */
package org.consortiumhub.ill;
